package io.pvebench.cli;

import io.pvebench.pipeline.ListedVms;
import io.pvebench.pipeline.TemplateClones;
import io.pvebench.pipeline.TwinCluster;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.proxmox.ClusterClock;
import io.pvebench.sim.SimCluster;
import io.pvebench.sim.SimHardware;
import io.pvebench.sim.SimNodeEndpoint;
import io.pvebench.sim.SimSpec;
import io.pvebench.sim.SimVmSpec;
import io.pvebench.ssh.Credential;
import io.pvebench.ssh.Secret;
import io.pvebench.ssh.SshHost;
import io.pvebench.ssh.SshHosts;
import io.pvebench.ssh.SshSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded cluster twin, started for one run: the pipeline's listed VMs are created on
 * it, each spec's pair on two different nodes (server on one, client on the next) so the
 * network test crosses the cluster link, and the templates its other specs clone from. Login uses a fresh random password that lives
 * only in memory; host keys are checked strictly against a known_hosts file written
 * from the twin's own keys, as they would be on a real cluster.
 */
final class TwinTarget {

    private static final String USER = "root";
    static final int TEMPLATE_CORES = 2;
    static final long TEMPLATE_MEMORY = 2L << 30;
    static final long TEMPLATE_DISK = 8L << 30;

    /**
     * Where the listed VMs' disks lie: a shared NFS storage, as on the clusters the study
     * migrated VMs between, so a VM can migrate live without copying its disk (the twin does
     * not simulate live storage migration).
     */
    static final String SHARED_STORAGE = "nfs-vmstore";

    private TwinTarget() {
    }

    static ClusterTarget start(TwinCluster settings, List<VmSpec> vmSpecs, long seed) {
        String password = TwinPasswords.fresh();
        SimCluster twin = SimCluster.start(new SimSpec("twin", settings.pve(), settings.nodes(), seed,
                settings.timeScale(), vms(vmSpecs, settings.nodes()), USER, password, List.of())
                .withQdevice(settings.qdevice())
                .withHardware(SimHardware.DEFAULT.withBond(settings.bondLinks(),
                        settings.bondMode() == null ? "none" : settings.bondMode().written())));
        Path knownHosts;
        try {
            knownHosts = Files.createTempFile("pvebench-twin-", ".known_hosts");
            Files.writeString(knownHosts, twin.knownHosts());
        } catch (IOException e) {
            twin.close();
            throw new UncheckedIOException("cannot write the twin's known_hosts", e);
        }
        SshHosts hosts = new SshHosts(twin.nodes().stream()
                .map((SimNodeEndpoint n) -> new SshHost(n.name(), n.host(), n.port()))
                .toList());
        SshSettings ssh = SshSettings.of(USER, new Credential.Password(Secret.of(password)), knownHosts);
        ClusterClock clock = new ClusterClock(twin.clock(), twin.timeScale());
        return new ClusterTarget("twin", hosts, ssh, port -> clock, () -> {
            twin.close();
            try {
                Files.deleteIfExists(knownHosts);
            } catch (IOException e) {
                // a leftover temp file of public keys is harmless
            }
        });
    }

    /**
     * The VMs the pipeline's specs need: listed VMs with the spec's size, spec k's server on
     * node 2k and its client on node 2k+1 (modulo the node count); and each template a spec
     * clones from, on pve1, as a small cloud-image template ({@link #TEMPLATE_CORES} vCPUs,
     * {@link #TEMPLATE_MEMORY} bytes, an {@link #TEMPLATE_DISK}-byte disk on local-lvm).
     */
    static List<SimVmSpec> vms(List<VmSpec> specs, int nodes) {
        List<SimVmSpec> out = new ArrayList<>();
        int slot = 0;
        java.util.Set<Integer> placed = new java.util.HashSet<>();
        for (VmSpec spec : specs) {
            if (spec.source() instanceof ListedVms listed) {
                for (int vmid : listed.vmids()) {
                    if (!placed.add(vmid)) {
                        continue;
                    }
                    String node = "pve" + (slot % nodes + 1);
                    out.add(new SimVmSpec(vmid, spec.name() + "-" + vmid, node, spec.cores(), spec.memoryBytes())
                            .withDisk(SimVmSpec.DEFAULT_DISK, SHARED_STORAGE));
                    slot++;
                }
            }
        }
        for (VmSpec spec : specs) {
            if (spec.source() instanceof TemplateClones clones && placed.add(clones.template())) {
                out.add(new SimVmSpec(clones.template(), "template-" + clones.template(), "pve1", TEMPLATE_CORES,
                        TEMPLATE_MEMORY).withDisk(TEMPLATE_DISK, "local-lvm").asTemplate());
            }
        }
        return out;
    }
}
