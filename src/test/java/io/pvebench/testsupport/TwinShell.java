package io.pvebench.testsupport;

import io.pvebench.guest.AgentGuestPort;
import io.pvebench.guest.GuestPort;
import io.pvebench.proxmox.ClusterPort;
import io.pvebench.proxmox.FaultPort;
import io.pvebench.proxmox.PveCliClusterPort;
import io.pvebench.proxmox.PveCliFaultPort;
import io.pvebench.sim.SimHardware;
import io.pvebench.guest.GuestResult;
import io.pvebench.guest.GuestVm;
import io.pvebench.sim.SimCluster;
import io.pvebench.sim.SimSpec;
import io.pvebench.sim.SimVmSpec;
import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.Credential;
import io.pvebench.ssh.JschRemoteShell;
import io.pvebench.ssh.Secret;
import io.pvebench.ssh.SshHost;
import io.pvebench.ssh.SshHosts;
import io.pvebench.ssh.SshSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A two-node twin (VM 101 on pve1, VM 102 on pve2) reached through pvebench's own SSH
 * layer and guest port, for tests that run the project's parsers on what the twin prints.
 */
public final class TwinShell implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SimCluster twin;
    private final JschRemoteShell shell;
    private final SshHosts hosts;
    private final Path knownHosts;

    public TwinShell(String pve, long seed, double timeScale) {
        this(pve, seed, timeScale, SimHardware.DEFAULT);
    }

    /** A twin whose nodes have {@code hardware} (NIC speed, MTU, bond). */
    public TwinShell(String pve, long seed, double timeScale, SimHardware hardware) {
        this(pve, seed, timeScale, hardware, null);
    }

    /**
     * A twin whose VMs' disks lie on {@code storage} (a shared one such as {@code ceph} lets
     * them migrate live), or on the twin's default local storage when null.
     */
    public TwinShell(String pve, long seed, double timeScale, String storage) {
        this(pve, seed, timeScale, SimHardware.DEFAULT, storage);
    }

    private TwinShell(String pve, long seed, double timeScale, SimHardware hardware, String storage) {
        SimVmSpec server = new SimVmSpec(101, "srv", "pve1", 4, 4L << 30);
        SimVmSpec client = new SimVmSpec(102, "cli", "pve2", 4, 4L << 30);
        if (storage != null) {
            server = server.withDisk(32L << 30, storage);
            client = client.withDisk(32L << 30, storage);
        }
        twin = SimCluster.start(new SimSpec("lab", pve, 2, seed, timeScale, List.of(server, client),
                "root", "twin-shell", List.of()).withHardware(hardware));
        try {
            knownHosts = Files.createTempFile("twin-shell", ".known_hosts");
            Files.writeString(knownHosts, twin.knownHosts());
        } catch (IOException e) {
            twin.close();
            throw new UncheckedIOException(e);
        }
        hosts = new SshHosts(twin.nodes().stream().map(n -> new SshHost(n.name(), n.host(), n.port())).toList());
        shell = new JschRemoteShell(SshSettings.of("root", Credential.password(Secret.of("twin-shell")), knownHosts));
    }

    public SimCluster twin() {
        return twin;
    }

    /** The cluster port a run would use, over this twin. */
    public ClusterPort cluster() {
        return new PveCliClusterPort(shell, hosts, TIMEOUT);
    }

    /** The fault port a run would use, over this twin. */
    public FaultPort faults() {
        return new PveCliFaultPort(shell, hosts, TIMEOUT);
    }

    /** The guest port a run would use, over this twin. */
    public GuestPort guests() {
        return new AgentGuestPort(shell, hosts);
    }

    public CommandResult run(String node, String command) {
        return shell.run(hosts.get(node), command, TIMEOUT);
    }

    public GuestResult guest(int vmid, List<String> argv) {
        String node = vmid == 101 ? "pve1" : "pve2";
        return new AgentGuestPort(shell, hosts).exec(new GuestVm(vmid, node), argv, TIMEOUT);
    }

    public String address(int vmid) {
        String node = vmid == 101 ? "pve1" : "pve2";
        return new AgentGuestPort(shell, hosts).address(new GuestVm(vmid, node));
    }

    @Override
    public void close() {
        shell.close();
        twin.close();
        try {
            Files.deleteIfExists(knownHosts);
        } catch (IOException e) {
            // a temp file of public keys
        }
    }
}
