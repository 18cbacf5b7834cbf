package io.pvebench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.sim.SimCluster;
import io.pvebench.sim.SimNodeEndpoint;
import io.pvebench.sim.SimSpec;
import io.pvebench.sim.SimVmSpec;
import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.Credential;
import io.pvebench.ssh.JschRemoteShell;
import io.pvebench.ssh.Secret;
import io.pvebench.ssh.SshHost;
import io.pvebench.ssh.SshSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code pvebench bench twin}: the twin at scale, in this JVM. Starts it ({@code nodes} x
 * {@code vms}, VMs round-robin over the nodes, 4 vCPU / 4 GiB each), measures the start
 * time and the heap used after start (after a full GC), then the client-side latency of
 * typical commands sent one at a time through {@link JschRemoteShell} over warm sessions:
 * {@code pvesh get /cluster/resources}, {@code qm list}, {@code pvecm status} and a guest
 * {@code ping} through {@code qm guest exec}. Commands rotate over the nodes (the guest
 * call over the VMs, each on its own node); {@code true} first, as the transport's floor.
 * Every reply is checked (exit 0, guest exit 0); a failure ends the benchmark with
 * {@link BenchmarkException}.
 *
 * <p>Not thread-safe; one run at a time. Leaves nothing behind: the twin is stopped and
 * its known_hosts file deleted.
 */
public final class TwinBenchmark {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param nodes   twin nodes, 1..32
     * @param vms     VMs, at least one; vmids 100, 101, ...
     * @param seed    seed of the twin's model
     * @param samples measured calls per command
     * @param warmup  unmeasured calls per command before them
     */
    public record Options(int nodes, int vms, long seed, int samples, int warmup) {
        public Options {
            if (nodes < 1 || nodes > 32) {
                throw new IllegalArgumentException("nodes must be 1..32: " + nodes);
            }
            if (vms < 1) {
                throw new IllegalArgumentException("vms must be >= 1: " + vms);
            }
            if (samples < 1 || warmup < 0) {
                throw new IllegalArgumentException("samples must be >= 1 and warmup >= 0");
            }
        }
    }

    /** One measured command: what was sent (the first call's line), its latencies, its typical output. */
    public record CommandFigures(String label, String example, LatencySummary latency, int outputBytes) {
    }

    /**
     * @param heapBeforeBytes heap used after a full GC before the twin started
     * @param heapAfterBytes  heap used after a full GC once the twin is up
     * @param resourceEntries entries in {@code /cluster/resources}
     * @param lastVmAddress   the IPv4 address the guest agent reports for the last VM
     */
    public record Result(MachineFacts facts, Options options, Duration startTime, long heapBeforeBytes,
                         long heapAfterBytes, int threadsAfterStart, int resourceEntries, String lastVmAddress,
                         List<CommandFigures> commands) {
    }

    private final Options options;

    public TwinBenchmark(Options options) {
        this.options = options;
    }

    public Result run(PrintStream out) {
        MachineFacts facts = MachineFacts.collect();
        facts.print(out);
        out.printf("twin: %d nodes x %d VMs (4 vCPU / 4 GiB, round-robin), seed %d; %d warm-up + %d measured calls"
                + " per command, one at a time%n", options.nodes(), options.vms(), options.seed(), options.warmup(),
                options.samples());
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        List<SimVmSpec> vms = vms();
        SimSpec spec = new SimSpec("bench", "9.2", options.nodes(), options.seed(), 1.0, vms, "root", password,
                List.of());
        long heapBefore = heapAfterGc();
        long t0 = System.nanoTime();
        Path knownHosts = null;
        try (SimCluster twin = SimCluster.start(spec)) {
            Duration startTime = Duration.ofNanos(System.nanoTime() - t0);
            long heapAfter = heapAfterGc();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            out.printf("started in %d ms; heap used after GC %d MiB (before start %d MiB, twin ~%d MiB); %d JVM"
                    + " threads%n", startTime.toMillis(), heapAfter >> 20, heapBefore >> 20,
                    (heapAfter - heapBefore) >> 20, threads);
            knownHosts = Files.createTempFile("pvebench-bench-", ".known_hosts");
            Files.writeString(knownHosts, twin.knownHosts());
            List<SshHost> hosts = twin.nodes().stream().map(TwinBenchmark::host).toList();
            SshSettings settings = SshSettings.of("root", Credential.password(Secret.of(password)), knownHosts);
            try (JschRemoteShell shell = new JschRemoteShell(settings)) {
                Result result = measure(facts, shell, hosts, vms, startTime, heapBefore, heapAfter, threads);
                print(result, out);
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the twin's known_hosts file", e);
        } finally {
            deleteQuietly(knownHosts);
        }
    }

    private List<SimVmSpec> vms() {
        List<SimVmSpec> vms = new ArrayList<>();
        for (int i = 0; i < options.vms(); i++) {
            vms.add(new SimVmSpec(100 + i, "vm" + (100 + i), "pve" + (i % options.nodes() + 1), 4, 4L << 30));
        }
        return vms;
    }

    private Result measure(MachineFacts facts, JschRemoteShell shell, List<SshHost> hosts, List<SimVmSpec> vms,
                           Duration startTime, long heapBefore, long heapAfter, int threads) {
        Map<String, SshHost> byName = new LinkedHashMap<>();
        hosts.forEach(h -> byName.put(h.name(), h));
        // every session opened before anything is measured
        hosts.forEach(h -> check(shell.run(h, "true", COMMAND_TIMEOUT)));
        SimVmSpec target = vms.get(Math.min(1, vms.size() - 1));
        String targetIp = ipv4(shell, byName.get(target.node()), target.vmid());
        SimVmSpec last = vms.get(vms.size() - 1);
        String lastIp = ipv4(shell, byName.get(last.node()), last.vmid());

        List<CommandFigures> figures = new ArrayList<>();
        // the transport's floor: what every other row pays before the twin does any work
        figures.add(time(shell, "true (SSH floor)", i -> new Call(hosts.get(i % hosts.size()), "true")));
        figures.add(time(shell, "pvesh get /cluster/resources", i -> new Call(hosts.get(i % hosts.size()),
                "pvesh get /cluster/resources --output-format json")));
        figures.add(time(shell, "qm list", i -> new Call(hosts.get(i % hosts.size()), "qm list")));
        figures.add(time(shell, "pvecm status", i -> new Call(hosts.get(i % hosts.size()), "pvecm status")));
        figures.add(time(shell, "qm guest exec ping -c 1", i -> {
            SimVmSpec vm = vms.get(i % vms.size());
            return new Call(byName.get(vm.node()), "qm guest exec " + vm.vmid() + " -- ping -c 1 " + targetIp);
        }));
        CommandResult resources = check(shell.run(hosts.get(0), "pvesh get /cluster/resources --output-format json",
                COMMAND_TIMEOUT));
        int entries = json(resources).size();
        return new Result(facts, options, startTime, heapBefore, heapAfter, threads, entries, lastIp, figures);
    }

    private record Call(SshHost host, String command) {
    }

    private CommandFigures time(JschRemoteShell shell, String label, IntFunction<Call> calls) {
        for (int i = 0; i < options.warmup(); i++) {
            Call call = calls.apply(i);
            checkReply(check(shell.run(call.host(), call.command(), COMMAND_TIMEOUT)));
        }
        long[] nanos = new long[options.samples()];
        int bytes = 0;
        for (int i = 0; i < nanos.length; i++) {
            Call call = calls.apply(options.warmup() + i);
            long start = System.nanoTime();
            CommandResult result = shell.run(call.host(), call.command(), COMMAND_TIMEOUT);
            nanos[i] = System.nanoTime() - start;
            checkReply(check(result));
            bytes = Math.max(bytes, result.stdout().getBytes(StandardCharsets.UTF_8).length);
        }
        return new CommandFigures(label, calls.apply(0).command(), LatencySummary.of(nanos), bytes);
    }

    /** A guest call succeeds only when the guest's program did: {@code "exitcode" : 0}. */
    private static void checkReply(CommandResult result) {
        if (result.command().startsWith("qm guest exec")) {
            JsonNode exit = json(result).path("exitcode");
            if (!exit.isInt() || exit.asInt() != 0) {
                throw new BenchmarkException("guest command failed on " + result.host() + ": " + result.command()
                        + " -> " + result.stdout().strip());
            }
        }
    }

    private static String ipv4(JschRemoteShell shell, SshHost host, int vmid) {
        CommandResult result = check(shell.run(host, "qm guest cmd " + vmid + " network-get-interfaces",
                COMMAND_TIMEOUT));
        for (JsonNode nic : json(result)) {
            if (nic.path("name").asText().equals("eth0")) {
                for (JsonNode address : nic.path("ip-addresses")) {
                    if (address.path("ip-address-type").asText().equals("ipv4")) {
                        return address.path("ip-address").asText();
                    }
                }
            }
        }
        throw new BenchmarkException("guest agent of VM " + vmid + " reports no IPv4 address on eth0");
    }

    private static CommandResult check(CommandResult result) {
        if (!result.succeeded()) {
            throw new BenchmarkException("'" + result.command() + "' on " + result.host() + " exited "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
        return result;
    }

    private static JsonNode json(CommandResult result) {
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new BenchmarkException("'" + result.command() + "' on " + result.host() + " printed no JSON: "
                    + e.getMessage(), e);
        }
    }

    private static SshHost host(SimNodeEndpoint node) {
        return new SshHost(node.name(), node.host(), node.port());
    }

    /** Heap in use after a full collection (twice: the first may only queue finalisable objects). */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void print(Result result, PrintStream out) {
        out.println();
        TextTable table = new TextTable("command", "calls", "p50 ms", "p90 ms", "p99 ms", "max ms", "IQR ms",
                "output bytes");
        for (CommandFigures c : result.commands()) {
            LatencySummary l = c.latency();
            table.row(c.label(), l.count(), LatencySummary.millis(l.p50Nanos()), LatencySummary.millis(l.p90Nanos()),
                    LatencySummary.millis(l.p99Nanos()), LatencySummary.millis(l.maxNanos()),
                    LatencySummary.millis(l.iqrNanos()), c.outputBytes());
        }
        table.print(out);
        out.printf("%n/cluster/resources: %d entries, %d bytes of JSON%n", result.resourceEntries(),
                result.commands().get(1).outputBytes());
        String ip = result.lastVmAddress();
        boolean valid = ip.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
        out.printf("guest address of the last VM: %s%s%n", ip, valid ? "" : "  <- NOT a valid IPv4 address");
        out.printf("figures are client-side wall time through JschRemoteShell (channel open to close), twin and"
                + " client in this JVM%n");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }
}
