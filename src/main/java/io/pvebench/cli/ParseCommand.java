package io.pvebench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pvebench.measure.FioJson;
import io.pvebench.measure.ApplicationProbeOutput;
import io.pvebench.measure.FpingOutput;
import io.pvebench.measure.Iperf3Json;
import io.pvebench.measure.MalformedOutputException;
import io.pvebench.measure.MigrationReport;
import io.pvebench.measure.MigrationTaskLog;
import io.pvebench.measure.PingOutput;
import io.pvebench.measure.PveshResources;
import io.pvebench.measure.Quantities;
import io.pvebench.measure.Sample;
import io.pvebench.measure.StressNgOutput;
import io.pvebench.measure.ToolErrorException;
import io.pvebench.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pvebench parse TOOL FILE [--stderr FILE] [--label k=v ...]}: prints the samples a
 * raw tool output yields, one JSON object per line as in {@code samples.jsonl}, for offline
 * analysis. Samples without a time of their own are timestamped with FILE's modification
 * time. For {@code qm-migrate} (a migration task log, its node-local timestamps read in
 * {@code --tz}, default UTC) a summary line goes to stderr: outcome, reason, duration,
 * downtime, average speed. For {@code app-probe} (the application probe's curl lines)
 * {@code --period MS} is required and {@code --start} places the requests on the timeline
 * (default: FILE's modification time). Exit 2 for an unknown tool, an unreadable file, or output the
 * parser cannot read; a failed migration is output, not an error.
 */
@Command(name = "parse", description = "Print the samples a raw tool output yields, one JSON line each.")
final class ParseCommand implements Callable<Integer> {

    /** The tools {@code parse} knows, in the order the usage lists them. */
    static final List<String> TOOLS = List.of("iperf3", "ping", "fping", "stress-ng", "fio", "pvesh-resources", "qm-migrate",
            "app-probe");

    /** A stress-ng {@code --metrics-brief} line; anything else given as stress-ng output is read as its YAML. */
    private static final Pattern STRESS_NG_LOG = Pattern.compile("(?m)^stress-ng: \\w+:");

    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "TOOL",
            description = "iperf3 (-J), ping, fping, stress-ng (--metrics-brief stderr or --yaml file), fio (json),"
                    + " pvesh-resources (pvesh get /cluster/resources --output-format json),"
                    + " qm-migrate (a migration task log: qm migrate output or the task's log lines),"
                    + " app-probe (the application probe's curl -w lines; needs --period)")
    private String tool;

    @Parameters(index = "1", paramLabel = "FILE", description = "the tool's output (its stdout; stress-ng: stderr or YAML)")
    private Path file;

    @Option(names = "--stderr", paramLabel = "FILE", description = "the tool's stderr (fping, stress-ng)")
    private Path stderr;

    @Option(names = "--tz", paramLabel = "ZONE",
            description = "qm-migrate: the source node's time zone, in which the log's timestamps are read (default UTC)")
    private String tz;

    @Option(names = "--period", paramLabel = "MS",
            description = "app-probe: the client's --rate period in milliseconds")
    private Long periodMillis;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "app-probe: when the client started (ISO-8601, e.g. 2026-11-25T13:28:43.2Z; default: the file's time)")
    private Instant start;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "a label added to every sample (repeatable)")
    private Map<String, String> labels = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if (!TOOLS.contains(tool)) {
            throw new InvalidInputException("unknown tool '" + tool + "'; one of " + String.join(", ", TOOLS));
        }
        if (stderr != null && !tool.equals("fping") && !tool.equals("stress-ng")) {
            throw new InvalidInputException("--stderr applies to fping and stress-ng only, not " + tool);
        }
        if (tz != null && !tool.equals("qm-migrate")) {
            throw new InvalidInputException("--tz applies to qm-migrate only, not " + tool);
        }
        if ((periodMillis != null || start != null) && !tool.equals("app-probe")) {
            throw new InvalidInputException("--period and --start apply to app-probe only, not " + tool);
        }
        if (tool.equals("app-probe") && (periodMillis == null || periodMillis <= 0)) {
            throw new InvalidInputException("app-probe needs --period MS (the client's --rate period), a positive number");
        }
        ZoneId zone = zone();
        String text = read(file);
        String errors = stderr == null ? "" : read(stderr);
        Instant at = modified(file);
        List<Sample> samples;
        try {
            samples = tool.equals("qm-migrate") ? migration(text, zone) : parse(text, errors, at);
        } catch (MalformedOutputException | ToolErrorException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
        for (Sample sample : samples) {
            try {
                main.out.println(RunFolder.JSON.writeValueAsString(sample));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        main.out.flush();
        return Main.EXIT_PASS;
    }

    private ZoneId zone() {
        if (tz == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new InvalidInputException("--tz: unknown time zone '" + tz + "'");
        }
    }

    private List<Sample> migration(String text, ZoneId zone) {
        MigrationReport report = new MigrationTaskLog().parse(text, zone);
        main.err.println(summary(report));
        main.err.flush();
        return report.samples(labels);
    }

    /** {@code qm-migrate: SUCCESS, VM 105 to pve1, duration 18 s, downtime 73 ms, average speed 457 MiB/s}. */
    static String summary(MigrationReport r) {
        StringBuilder line = new StringBuilder("qm-migrate: ").append(r.outcome());
        r.failureReason().ifPresent(why -> line.append(" (").append(why).append(')'));
        r.vmid().ifPresent(id -> line.append(", VM ").append(id));
        r.targetNode().ifPresent(node -> line.append(" to ").append(node));
        line.append(r.outcome() == MigrationReport.Outcome.UNKNOWN ? ", running for " : ", duration ")
                .append(r.duration().toSeconds()).append(" s");
        r.downtime().ifPresent(d -> line.append(", downtime ").append(d.toMillis()).append(" ms"));
        r.averageSpeed().ifPresent(s -> line.append(", average speed ").append(Quantities.format(s, "bytes")).append("/s"));
        return line.toString();
    }

    private List<Sample> parse(String text, String errors, Instant at) {
        return switch (tool) {
            case "iperf3" -> new Iperf3Json().parse(text, labels);
            case "ping" -> new PingOutput().parse(text, labels, at);
            case "fping" -> new FpingOutput().parse(text, errors, labels, at);
            case "stress-ng" -> {
                String all = errors.isEmpty() ? text : text + "\n" + errors;
                yield STRESS_NG_LOG.matcher(all).find()
                        ? new StressNgOutput().parseMetricsBrief(all, labels, at)
                        : new StressNgOutput().parseYaml(text, labels, at);
            }
            case "fio" -> new FioJson().parse(text, labels);
            case "pvesh-resources" -> new PveshResources().parse(text, labels, at);
            case "app-probe" -> new ApplicationProbeOutput().parse(text, Duration.ofMillis(periodMillis), labels,
                    start == null ? at : start);
            default -> throw new IllegalStateException(tool);
        };
    }

    private static String read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path + ": no such file");
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read: " + e.getMessage());
        }
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read: " + e.getMessage());
        }
    }
}
