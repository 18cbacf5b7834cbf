package io.pvebench.bench;

import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.Credential;
import io.pvebench.ssh.JschRemoteShell;
import io.pvebench.ssh.SshHost;
import io.pvebench.ssh.SshSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code pvebench bench ssh}: one command on every one of N twin nodes at once, through
 * {@link JschRemoteShell} and through OpenSSH, measured in the same run. Four ways:
 * JSch cold (a new shell, so new sessions, every round; its creation and close are
 * timed), JSch warm (one shell whose sessions a warm-up round opened), OpenSSH cold (one
 * plain {@code ssh} process per node) and OpenSSH warm (one {@code ssh} process per node
 * through a ControlMaster connection made before the timed rounds). All four log in with
 * the same generated ed25519 key and check host keys strictly against the twin's
 * known_hosts. Each round runs the four in an order that rotates, so slow drift on a
 * shared machine spreads over all of them.
 *
 * <p>Not thread-safe; one run at a time. Cleanup restores the state before: masters told
 * to exit, twins stopped, the temporary directory (key, known_hosts, sockets) deleted.
 */
public final class SshFanOutBenchmark {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    /** How one fan-out round reaches the nodes. */
    public enum Way {
        JSCH_COLD("JSch cold (new shell)"),
        JSCH_WARM("JSch warm (pooled sessions)"),
        OPENSSH_COLD("OpenSSH cold (plain ssh)"),
        OPENSSH_WARM("OpenSSH warm (ControlMaster)");

        private final String label;

        Way(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param nodeCounts fan-out widths to measure, each >= 1
     * @param rounds     measured rounds per way and width
     * @param warmup     unmeasured rounds per way and width before them
     * @param command    what runs on every node, e.g. {@code true}
     * @param opensshKex OpenSSH's {@code KexAlgorithms}, or empty for its default; JSch keeps its own
     *                   default ({@code mlkem768x25519-sha256} against the twin), while OpenSSH 9.2
     *                   picks {@code sntrup761x25519-sha512}, which costs it about twice as much per login
     */
    public record Options(List<Integer> nodeCounts, int rounds, int warmup, String command, long seed,
                          String opensshKex) {
        public Options {
            nodeCounts = List.copyOf(nodeCounts);
            opensshKex = opensshKex == null ? "" : opensshKex;
            if (nodeCounts.isEmpty() || nodeCounts.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("node counts must be >= 1: " + nodeCounts);
            }
            if (rounds < 1 || warmup < 0) {
                throw new IllegalArgumentException("rounds must be >= 1 and warmup >= 0");
            }
        }
    }

    /**
     * One way at one width: wall time per successful round (empty when every round failed),
     * and why the other rounds failed (warm-up rounds included).
     */
    public record Figures(Optional<LatencySummary> rounds, List<String> failures) {
        public Figures {
            Objects.requireNonNull(rounds, "rounds");
            failures = List.copyOf(failures);
        }
    }

    /** Per fan-out width, the figures of each way. */
    public record Result(MachineFacts facts, Map<Integer, Map<Way, Figures>> rounds) {
    }

    private final Options options;

    public SshFanOutBenchmark(Options options) {
        this.options = options;
    }

    public Result run(PrintStream out) {
        MachineFacts facts = MachineFacts.collect();
        facts.print(out);
        out.printf("fan-out of '%s' to N twin nodes at once; %d warm-up + %d measured rounds per way; twin servers"
                + " (MINA SSHD) and the JSch client share this JVM, ssh runs as separate processes%n",
                options.command(), options.warmup(), options.rounds());
        out.printf("key exchange: JSch its default, OpenSSH %s%n",
                options.opensshKex().isEmpty() ? "its default" : options.opensshKex());
        Map<Integer, Map<Way, Figures>> results = new LinkedHashMap<>();
        Path dir = tempDir();
        try {
            ClientKey key = ClientKey.generate(dir);
            for (int nodes : options.nodeCounts()) {
                Map<Way, Figures> figures = measure(nodes, key, dir);
                results.put(nodes, figures);
                print(nodes, figures, out);
            }
        } finally {
            delete(dir);
        }
        return new Result(facts, results);
    }

    private Map<Way, Figures> measure(int nodes, ClientKey key, Path dir) {
        try (TwinFleet fleet = TwinFleet.start(nodes, options.seed(), key.publicKey());
             FanOut fanOut = new FanOut(nodes)) {
            Path run = Files.createDirectories(dir.resolve("n" + nodes));
            Path knownHosts = run.resolve("known_hosts");
            Files.writeString(knownHosts, fleet.knownHosts());
            List<SshHost> hosts = fleet.hosts();
            SshSettings settings = SshSettings.of("root", Credential.privateKey(key.privateKey()), knownHosts);
            OpenSshClient openSsh = new OpenSshClient(key.privateKey(), knownHosts, run, options.opensshKex());
            try (JschRemoteShell warm = new JschRemoteShell(settings)) {
                Map<Way, Callable<Long>> ways = new EnumMap<>(Way.class);
                ways.put(Way.JSCH_COLD, () -> {
                    long start = System.nanoTime();
                    try (JschRemoteShell cold = new JschRemoteShell(settings)) {
                        fanOut.round(tasks(hosts, h -> check(cold.run(h, options.command(), COMMAND_TIMEOUT))));
                    }
                    return System.nanoTime() - start;
                });
                ways.put(Way.JSCH_WARM, () -> fanOut.round(tasks(hosts,
                        h -> check(warm.run(h, options.command(), COMMAND_TIMEOUT)))));
                ways.put(Way.OPENSSH_COLD, () -> fanOut.round(tasks(hosts, h -> openSsh.cold(h, options.command()))));
                ways.put(Way.OPENSSH_WARM, () -> fanOut.round(tasks(hosts,
                        h -> openSsh.multiplexed(h, options.command()))));
                // sessions and masters exist before anything is timed
                prepare(ways.get(Way.JSCH_WARM));
                // one at a time: a herd of logins is not what is measured here
                hosts.forEach(openSsh::startMaster);
                return rounds(ways);
            } finally {
                hosts.forEach(openSsh::stopMaster);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the twin's known_hosts file", e);
        } catch (BenchmarkException | UncheckedIOException e) {
            throw e;
        } catch (Exception e) {
            throw new BenchmarkException("fan-out to " + nodes + " nodes failed: " + e.getMessage(), e);
        }
    }

    /** Runs a way once, unmeasured; once more if that failed (the figures will show if it keeps failing). */
    private static void prepare(Callable<Long> way) throws Exception {
        try {
            way.call();
        } catch (BenchmarkException e) {
            way.call();
        }
    }

    /**
     * A round in which any command failed is counted and left out of the figures, but
     * never retried: a way that fails often shows it in the table instead of ending the run.
     */
    private Map<Way, Figures> rounds(Map<Way, Callable<Long>> ways) throws Exception {
        Way[] order = Way.values();
        Map<Way, List<Long>> nanos = new EnumMap<>(Way.class);
        Map<Way, List<String>> failures = new EnumMap<>(Way.class);
        for (Way way : order) {
            nanos.put(way, new ArrayList<>());
            failures.put(way, new ArrayList<>());
        }
        for (int round = 0; round < options.warmup() + options.rounds(); round++) {
            for (int i = 0; i < order.length; i++) {
                Way way = order[(round + i) % order.length];
                try {
                    long took = ways.get(way).call();
                    if (round >= options.warmup()) {
                        nanos.get(way).add(took);
                    }
                } catch (BenchmarkException e) {
                    failures.get(way).add(e.getMessage());
                }
            }
        }
        Map<Way, Figures> figures = new EnumMap<>(Way.class);
        for (Way way : order) {
            long[] values = nanos.get(way).stream().mapToLong(Long::longValue).toArray();
            figures.put(way, new Figures(values.length == 0 ? Optional.empty() : Optional.of(LatencySummary.of(values)),
                    failures.get(way)));
        }
        return figures;
    }

    @FunctionalInterface
    private interface HostTask {
        void run(SshHost host) throws Exception;
    }

    private static List<Callable<Void>> tasks(List<SshHost> hosts, HostTask task) {
        List<Callable<Void>> tasks = new ArrayList<>(hosts.size());
        for (SshHost host : hosts) {
            tasks.add(() -> {
                task.run(host);
                return null;
            });
        }
        return tasks;
    }

    private static CommandResult check(CommandResult result) {
        if (!result.succeeded()) {
            throw new BenchmarkException("'" + result.command() + "' on " + result.host() + " exited "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
        return result;
    }

    private static void print(int nodes, Map<Way, Figures> figures, PrintStream out) {
        out.printf("%nN = %d nodes: wall time per fan-out round%n", nodes);
        TextTable table = new TextTable("way", "rounds", "failed", "median ms", "p90 ms", "min ms", "max ms",
                "IQR ms");
        figures.forEach((way, f) -> f.rounds().ifPresentOrElse(
                l -> table.row(way.label(), l.count(), f.failures().size(), LatencySummary.millis(l.p50Nanos()),
                        LatencySummary.millis(l.p90Nanos()), LatencySummary.millis(l.minNanos()),
                        LatencySummary.millis(l.maxNanos()), LatencySummary.millis(l.iqrNanos())),
                () -> table.row(way.label(), 0, f.failures().size(), "-", "-", "-", "-", "-")));
        table.print(out);
        figures.forEach((way, f) -> {
            if (!f.failures().isEmpty()) {
                out.printf("  %s: %d round(s) failed and are left out; first: %s%n", way.label(),
                        f.failures().size(), f.failures().get(0));
            }
        });
        verdict(out, "JSch warm / ControlMaster", figures.get(Way.JSCH_WARM), figures.get(Way.OPENSSH_WARM), 1.5);
        verdict(out, "JSch cold / plain ssh    ", figures.get(Way.JSCH_COLD), figures.get(Way.OPENSSH_COLD), 1.0);
    }

    /** A ratio is judged only when at most a tenth of either side's rounds failed: survivors are a biased sample. */
    private static void verdict(PrintStream out, String label, Figures ours, Figures reference, double goal) {
        if (ours.rounds().isEmpty() || reference.rounds().isEmpty()) {
            out.printf(Locale.ROOT, "%s: no figures, every round of one side failed (goal not judged)%n", label);
            return;
        }
        LatencySummary a = ours.rounds().get();
        LatencySummary b = reference.rounds().get();
        boolean judged = ours.failures().size() * 10 <= a.count() + ours.failures().size()
                && reference.failures().size() * 10 <= b.count() + reference.failures().size();
        String met = (double) a.p50Nanos() / b.p50Nanos() <= goal ? "met" : "NOT met";
        out.printf(Locale.ROOT, "%s: median %s, p90 %s  (goal <= %.2fx: %s)%n", label,
                LatencySummary.ratio(a.p50Nanos(), b.p50Nanos()), LatencySummary.ratio(a.p90Nanos(), b.p90Nanos()),
                goal, judged ? met : "not judged, too many failed rounds");
    }

    private static Path tempDir() {
        try {
            // control sockets live here: their path must stay under the 108-byte socket limit
            Path base = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(base, "pvb");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
