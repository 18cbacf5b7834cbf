package io.pvebench.cli;

import io.pvebench.bench.SshFanOutBenchmark;
import io.pvebench.bench.TwinBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pvebench bench twin|ssh}: benchmarks that print figures beside a reference
 * measured in the same run (see {@code io.pvebench.bench}). Exit 0 when the figures were
 * measured, whatever they are; 2 for bad options; 3 when a benchmark could not finish.
 */
@Command(name = "bench", description = "Benchmarks: the twin at scale, SSH fan-out beside OpenSSH.",
        subcommands = {BenchCommand.Twin.class, BenchCommand.Ssh.class})
final class BenchCommand implements Runnable {

    @ParentCommand
    private Main main;

    @Override
    public void run() {
        new CommandLine(this).usage(main.out);
    }

    @Command(name = "twin", description = "Start the twin at scale in this JVM; start time, heap, command latency.")
    static final class Twin implements Callable<Integer> {

        @ParentCommand
        private BenchCommand bench;

        @Option(names = "--nodes", defaultValue = "32", description = "twin nodes, 1..32 (default: ${DEFAULT-VALUE})")
        private int nodes;

        @Option(names = "--vms", defaultValue = "1000", description = "VMs, round-robin over the nodes (default: ${DEFAULT-VALUE})")
        private int vms;

        @Option(names = "--seed", defaultValue = "1", description = "seed of the twin's model (default: ${DEFAULT-VALUE})")
        private long seed;

        @Option(names = "--samples", defaultValue = "200", description = "measured calls per command (default: ${DEFAULT-VALUE})")
        private int samples;

        @Option(names = "--warmup", defaultValue = "30", description = "unmeasured calls per command first (default: ${DEFAULT-VALUE})")
        private int warmup;

        @Override
        public Integer call() {
            if (nodes < 1 || nodes > 32) {
                throw new InvalidInputException("--nodes must be between 1 and 32, got " + nodes);
            }
            if (vms < 1 || vms > 100_000) {
                throw new InvalidInputException("--vms must be between 1 and 100000, got " + vms);
            }
            if (samples < 1 || warmup < 0) {
                throw new InvalidInputException("--samples must be >= 1 and --warmup >= 0");
            }
            new TwinBenchmark(new TwinBenchmark.Options(nodes, vms, seed, samples, warmup)).run(bench.main.out);
            return Main.EXIT_PASS;
        }
    }

    @Command(name = "ssh", description = "SSH fan-out to N twin nodes: JSch cold/warm beside OpenSSH plain/ControlMaster.")
    static final class Ssh implements Callable<Integer> {

        @ParentCommand
        private BenchCommand bench;

        @Option(names = "--nodes", split = ",", defaultValue = "8,32,64",
                description = "fan-out widths, comma-separated (default: ${DEFAULT-VALUE})")
        private List<Integer> nodes;

        @Option(names = "--rounds", defaultValue = "20", description = "measured rounds per way (default: ${DEFAULT-VALUE})")
        private int rounds;

        @Option(names = "--warmup", defaultValue = "3", description = "unmeasured rounds per way first (default: ${DEFAULT-VALUE})")
        private int warmup;

        @Option(names = "--command", defaultValue = "true", description = "command run on every node: true or hostname (default: ${DEFAULT-VALUE})")
        private String command;

        @Option(names = "--seed", defaultValue = "1", description = "seed of the twins' model (default: ${DEFAULT-VALUE})")
        private long seed;

        @Option(names = "--openssh-kex", defaultValue = "",
                description = "OpenSSH KexAlgorithms, e.g. curve25519-sha256 (default: OpenSSH's own)")
        private String opensshKex;

        @Override
        public Integer call() {
            if (nodes.stream().anyMatch(n -> n < 1 || n > 256)) {
                throw new InvalidInputException("--nodes must each be between 1 and 256, got " + nodes);
            }
            if (rounds < 1 || warmup < 0) {
                throw new InvalidInputException("--rounds must be >= 1 and --warmup >= 0");
            }
            if (!command.equals("true") && !command.equals("hostname")) {
                throw new InvalidInputException("--command must be true or hostname, got " + command);
            }
            if (!opensshKex.matches("[a-z0-9@.,+-]*")) {
                throw new InvalidInputException("--openssh-kex must be a list of algorithm names, got " + opensshKex);
            }
            new SshFanOutBenchmark(new SshFanOutBenchmark.Options(nodes, rounds, warmup, command, seed, opensshKex))
                    .run(bench.main.out);
            return Main.EXIT_PASS;
        }
    }
}
