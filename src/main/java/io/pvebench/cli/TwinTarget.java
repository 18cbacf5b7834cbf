package io.pvebench.cli;

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
 * The embedded cluster twin, started for one run: the pipeline's VMs are created on it,
 * each spec's pair on two different nodes (server on one, client on the next) so the
 * network test crosses the cluster link. Login uses a fresh random password that lives
 * only in memory; host keys are checked strictly against a known_hosts file written
 * from the twin's own keys, as they would be on a real cluster.
 */
final class TwinTarget {

    private static final String USER = "root";

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

    /** Places spec k's server on node 2k and its client on node 2k+1 (modulo the node count). */
    static List<SimVmSpec> vms(List<VmSpec> specs, int nodes) {
        List<SimVmSpec> out = new ArrayList<>();
        int slot = 0;
        java.util.Set<Integer> placed = new java.util.HashSet<>();
        for (VmSpec spec : specs) {
            for (int vmid : spec.vms()) {
                if (!placed.add(vmid)) {
                    continue;
                }
                String node = "pve" + (slot % nodes + 1);
                out.add(new SimVmSpec(vmid, spec.name() + "-" + vmid, node, spec.cores(), spec.memoryBytes()));
                slot++;
            }
        }
        return out;
    }
}
