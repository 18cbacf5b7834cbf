package io.pvebench.cli;

import io.pvebench.sim.SimCluster;
import io.pvebench.sim.SimHardware;
import io.pvebench.sim.SimNodeEndpoint;
import io.pvebench.sim.SimSpec;
import io.pvebench.sim.SimVmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A twin started by a test and described by a cluster file, so a pipeline reaches it the
 * way it reaches a real cluster: through a cluster file, a known_hosts file and a
 * password from an environment variable. Two nodes, VM 101 on pve1, VM 102 on pve2, and
 * if asked template {@value #TEMPLATE} on pve1 (2 vCPU, 2 GiB, an 8 GiB disk on local-lvm).
 */
final class TwinCluster implements AutoCloseable {

    static final String PASSWORD_VARIABLE = "PVEBENCH_TEST_SSH_PASSWORD";

    final SimCluster twin;
    final Path folder;
    private final String password;

    static final int TEMPLATE = 9000;

    TwinCluster(Path folder, String password, long seed, double timeScale) throws IOException {
        this(folder, password, seed, timeScale, SimHardware.DEFAULT, false, null, false);
    }

    /**
     * A twin with {@code hardware} (NIC speed, MTU, bond) whose cluster file says
     * {@code allowDestructive}, as configuration variants need.
     */
    TwinCluster(Path folder, String password, long seed, double timeScale, SimHardware hardware,
                boolean allowDestructive) throws IOException {
        this(folder, password, seed, timeScale, hardware, allowDestructive, null, false);
    }

    /**
     * @param template       whether the twin has template {@value #TEMPLATE}, its disk on local-lvm
     * @param cleanupOrphans whether the cluster file says {@code cleanup: orphans}
     */
    TwinCluster(Path folder, String password, long seed, double timeScale, boolean template, boolean cleanupOrphans)
            throws IOException {
        this(folder, password, seed, timeScale, template ? "local-lvm" : null, cleanupOrphans);
    }

    /**
     * @param templateStorage where template {@value #TEMPLATE}'s disk lies ({@code local-lvm}, or a
     *                        shared storage such as {@code ceph}); null: no template
     * @param cleanupOrphans  whether the cluster file says {@code cleanup: orphans}
     */
    TwinCluster(Path folder, String password, long seed, double timeScale, String templateStorage,
                boolean cleanupOrphans) throws IOException {
        this(folder, password, seed, timeScale, SimHardware.DEFAULT, false, templateStorage, cleanupOrphans);
    }

    private TwinCluster(Path folder, String password, long seed, double timeScale, SimHardware hardware,
                        boolean allowDestructive, String templateStorage, boolean cleanupOrphans) throws IOException {
        this(folder, password, seed, timeScale, hardware, allowDestructive, templateStorage, cleanupOrphans, null,
                false);
    }

    /**
     * Two nodes and a QDevice, VMs 101 and 102 on shared storage, a cluster file that allows
     * destructive changes: what a failover test needs.
     */
    static TwinCluster forFailover(Path folder, String password, long seed, double timeScale) throws IOException {
        return new TwinCluster(folder, password, seed, timeScale, SimHardware.DEFAULT, true, null, false,
                "nfs-vmstore", true);
    }

    /** A twin whose VMs 101 and 102 have their disks on shared storage {@code nfs-vmstore}, so they migrate live. */
    static TwinCluster withSharedStorage(Path folder, String password, long seed, double timeScale)
            throws IOException {
        return new TwinCluster(folder, password, seed, timeScale, SimHardware.DEFAULT, false, null, false,
                "nfs-vmstore", false);
    }

    private TwinCluster(Path folder, String password, long seed, double timeScale, SimHardware hardware,
                        boolean allowDestructive, String templateStorage, boolean cleanupOrphans, String vmStorage,
                        boolean qdevice) throws IOException {
        this.folder = folder;
        this.password = password;
        List<SimVmSpec> vms = new java.util.ArrayList<>(List.of(new SimVmSpec(101, "srv", "pve1", 4, 4L << 30),
                new SimVmSpec(102, "cli", "pve2", 4, 4L << 30)));
        if (vmStorage != null) {
            vms.replaceAll(vm -> vm.withDisk(SimVmSpec.DEFAULT_DISK, vmStorage));
        }
        if (templateStorage != null) {
            vms.add(new SimVmSpec(TEMPLATE, "debian-13", "pve1", 2, 2L << 30).withDisk(8L << 30, templateStorage)
                    .asTemplate());
        }
        this.twin = SimCluster.start(new SimSpec("lab", "9.2", 2, seed, timeScale, vms, "root", password, List.of())
                .withHardware(hardware).withQdevice(qdevice));
        Files.createDirectories(folder.resolve("clusters"));
        Files.writeString(folder.resolve("clusters/known_hosts"), twin.knownHosts());
        StringBuilder yaml = new StringBuilder("name: lab\ntimeScale: " + timeScale + "\nnodes:\n");
        for (SimNodeEndpoint node : twin.nodes()) {
            yaml.append("  - name: ").append(node.name()).append("\n    address: ").append(node.host())
                    .append("\n    port: ").append(node.port()).append('\n');
        }
        yaml.append("ssh:\n  user: root\n  passwordEnv: ").append(PASSWORD_VARIABLE)
                .append("\n  knownHosts: known_hosts\n  connectTimeout: 5s\n");
        if (allowDestructive) {
            yaml.append("allowDestructive: true\n");
        }
        if (cleanupOrphans) {
            yaml.append("cleanup: orphans\n");
        }
        Files.writeString(folder.resolve("clusters/lab.yaml"), yaml.toString());
    }

    /** Runs {@code pipeline} against this cluster, reports under {@code folder/reports}, the console discarded. */
    PipelineRunner.Outcome run(Path pipeline, long seed) {
        return PipelineRunner.run(io.pvebench.pipeline.PipelineLoader.load(pipeline),
                new PipelineRunner.Options(folder.resolve("reports"), seed, Path.of("routes"),
                        java.util.Map.of(PASSWORD_VARIABLE, password),
                        new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true,
                                java.nio.charset.StandardCharsets.UTF_8), List.of(), false, java.time.Clock.systemUTC(),
                        new io.pvebench.run.StopSignal()));
    }

    /** Writes a pipeline against this cluster and returns its path. */
    Path pipeline(int repetitions, String iperfDuration) throws IOException {
        return pipeline(repetitions, iperfDuration, "idle");
    }

    /** A pipeline of one scenario against this cluster; a load starts without warm-up, to keep tests short. */
    Path pipeline(int repetitions, String iperfDuration, String scenario) throws IOException {
        Path file = folder.resolve("pipeline.yaml");
        Files.writeString(file, """
                name: lab-check
                cluster: clusters/lab.yaml
                vmSpecs:
                  - name: small
                    cores: 4
                    memory: 4 GiB
                    vms: [101, 102]
                scenarios: [%s]
                repetitions: %d
                measure:
                  warmup: 0s
                  iperf3: {duration: %s, streams: 1}
                  ping: {count: 10, interval: 200ms}
                objectives:
                  throughput: {min: 9 Gbit/s}
                  packetLoss: {max: 0 %%}
                timeouts:
                  command: 20s
                """.formatted(scenario, repetitions, iperfDuration));
        return file;
    }

    /** Writes a pipeline whose one spec clones its VMs from template {@value #TEMPLATE}, and returns its path. */
    Path templatePipeline(int repetitions, String iperfDuration) throws IOException {
        Path file = folder.resolve("clones.yaml");
        Files.writeString(file, """
                name: lab-clones
                cluster: clusters/lab.yaml
                vmSpecs:
                  - name: small
                    cores: 4
                    memory: 4 GiB
                    template: %d
                repetitions: %d
                measure:
                  iperf3: {duration: %s, streams: 1}
                  ping: {count: 10, interval: 200ms}
                objectives:
                  throughput: {min: 9 Gbit/s}
                  packetLoss: {max: 0 %%}
                timeouts:
                  command: 20s
                  provision: 10m
                """.formatted(TEMPLATE, repetitions, iperfDuration));
        return file;
    }

    @Override
    public void close() {
        twin.close();
    }
}
