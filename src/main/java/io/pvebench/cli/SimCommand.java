package io.pvebench.cli;

import io.pvebench.sim.SimCluster;
import io.pvebench.sim.SimNodeEndpoint;
import io.pvebench.sim.SimSpec;
import io.pvebench.sim.SimVmSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pvebench sim}: runs the cluster twin standalone until interrupted, and writes a
 * cluster file (with its known_hosts and a password file only the owner can read, deleted
 * when the twin stops) so any pipeline, or plain {@code ssh}, can use it like a real cluster.
 */
@Command(name = "sim", description = "Run the embedded cluster twin standalone and print its inventory.")
final class SimCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Option(names = "--nodes", defaultValue = "2", description = "number of nodes, 1..32 (default: ${DEFAULT-VALUE})")
    private int nodes;

    @Option(names = "--vms", description = "number of VMs, spread round-robin over the nodes, 4 vCPU/4 GiB each,"
            + " ids from 101 (default: one per node)")
    private Integer vmCount;

    @Option(names = "--pve", defaultValue = "9.2", description = "version profile: 9.2 or 8.4 (default: ${DEFAULT-VALUE})")
    private String pve;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the twin's model (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--time-scale", defaultValue = "1", description = "model seconds per wall second (default: ${DEFAULT-VALUE})")
    private double timeScale;

    @Option(names = "--qdevice", description = "give the cluster a QDevice (an external vote)")
    private boolean qdevice;

    @Option(names = "--out", defaultValue = "reports/sim", description = "where the cluster file is written (default: ${DEFAULT-VALUE})")
    private Path out;

    @Override
    public Integer call() {
        if (nodes < 1 || nodes > 32) {
            throw new InvalidInputException("--nodes must be between 1 and 32, got " + nodes);
        }
        if (!pve.equals("9.2") && !pve.equals("8.4")) {
            throw new InvalidInputException("--pve must be 9.2 or 8.4, got " + pve);
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new InvalidInputException("--time-scale must be a positive number, got " + timeScale);
        }
        int count = vmCount == null ? nodes : vmCount;
        if (count < 0 || count > 100_000) {
            throw new InvalidInputException("--vms must be between 0 and 100000, got " + count);
        }
        String password = TwinPasswords.fresh();
        List<SimVmSpec> vms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vms.add(new SimVmSpec(101 + i, "vm" + (101 + i), "pve" + (i % nodes + 1), 4, 4L << 30));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (SimCluster twin = SimCluster.start(new SimSpec("twin", pve, nodes, seed, timeScale, vms, "root",
                password, List.of()).withQdevice(qdevice))) {
            Path clusterFile = writeInventory(twin, password);
            main.out.printf("cluster twin (Proxmox VE %s profile, %d node(s)%s, seed %d) is up:%n", pve, nodes,
                    qdevice ? " + QDevice" : "", seed);
            for (SimNodeEndpoint node : twin.nodes()) {
                main.out.printf("  %s  ssh -p %d root@%s%n", node.name(), node.port(), node.host());
            }
            main.out.printf("VMs: %s%ncluster file: %s%n  use it with 'cluster: %s' in a pipeline;"
                    + " Ctrl-C stops the twin.%n", vms.size() <= 16
                            ? vms.stream().map(v -> v.vmid() + "@" + v.node()).toList().toString()
                            : vms.size() + " (" + vms.get(0).vmid() + ".." + vms.get(vms.size() - 1).vmid() + ")",
                    clusterFile, clusterFile.toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                deletePassword();
                stopped.countDown();
            }));
            stopped.await();
        } catch (InterruptedException e) {
            // stopping the twin is the one thing this command waits for
            Thread.currentThread().interrupt();
        } finally {
            deletePassword();
        }
        return Main.EXIT_PASS;
    }

    /** The password is only good while the twin runs; it does not outlive it on disk. */
    private void deletePassword() {
        try {
            Files.deleteIfExists(out.resolve("password"));
        } catch (IOException e) {
            main.err.println("pvebench: could not delete " + out.resolve("password") + ": " + e.getMessage());
        }
    }

    private Path writeInventory(SimCluster twin, String password) {
        try {
            Files.createDirectories(out);
            Path knownHosts = out.resolve("known_hosts");
            Files.writeString(knownHosts, twin.knownHosts());
            Path passwordFile = out.resolve("password");
            Files.deleteIfExists(passwordFile);
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, password + "\n");
            StringBuilder yaml = new StringBuilder("# written by 'pvebench sim': valid while that twin runs\n")
                    .append("name: twin\n")
                    .append("timeScale: ").append(timeScale).append("   # the twin's time runs this much faster\n")
                    .append("nodes:\n");
            for (SimNodeEndpoint node : twin.nodes()) {
                yaml.append("  - name: ").append(node.name()).append("\n    address: ").append(node.host())
                        .append("\n    port: ").append(node.port()).append('\n');
            }
            yaml.append("ssh:\n  user: root\n  passwordFile: password\n  knownHosts: known_hosts\n")
                    .append("  hostKeys: strict\n");
            Path clusterFile = out.resolve("cluster.yaml");
            Files.writeString(clusterFile, yaml.toString());
            return clusterFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the twin's inventory to " + out, e);
        }
    }
}
