package io.pvebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.RunComparison;
import io.pvebench.measure.Metric;
import io.pvebench.measure.Quantities;
import io.pvebench.measure.Sample;
import io.pvebench.run.RecordedRun;
import io.pvebench.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code pvebench compare BASELINE RUN [--noise PCT] [--alpha A] [--all]}: holds a run folder's samples
 * against a baseline run folder's ({@link RunComparison}) and prints, per metric and case group,
 * both means, the change, the test and the verdict; unchanged rows only with {@code --all}. BASELINE
 * {@value #LAST_PASSING} is the newest earlier run of the same pipeline beside RUN whose verdict was
 * pass. Exit 1 when anything regressed, 0 otherwise, 2 when a folder has no samples to read or no
 * such baseline exists.
 */
@Command(name = "compare", description = "Compare a run with a baseline run: improved, unchanged or regressed, per"
        + " metric and case group; exit 1 on a regression.")
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    static final String LAST_PASSING = "last-passing";

    @Parameters(index = "0", paramLabel = "BASELINE",
            description = "the baseline's run folder (reports/<run>), or last-passing: the newest earlier passing run"
                    + " of the same pipeline in RUN's folder")
    private Path baseline;

    @Parameters(index = "1", paramLabel = "RUN", description = "the run folder to judge")
    private Path run;

    @Option(names = "--noise", paramLabel = "PERCENT", defaultValue = "5",
            description = "relative change under which nothing counts (default ${DEFAULT-VALUE} %%)")
    private double noisePercent;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
            description = "significance level of Welch's test over repetitions (default ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--all", description = "also print the rows that are unchanged")
    private boolean all;

    @Override
    public Integer call() {
        if (!(noisePercent >= 0) || !(alpha > 0 && alpha < 1)) {
            throw new InvalidInputException("--noise must be at least 0 and --alpha between 0 and 1, got "
                    + noisePercent + " and " + alpha);
        }
        if (baseline.toString().equals(LAST_PASSING)) {
            baseline = lastPassing(run);
        }
        List<RunComparison.Change> changes = RunComparison.compare(samples(baseline), samples(run),
                new RunComparison.Settings(noisePercent / 100, alpha));
        main.out.printf(Locale.ROOT, "%s against baseline %s (noise %s %%, alpha %s)%n", run.getFileName(),
                baseline.getFileName(), Quantities.format(noisePercent, "count"), alpha);
        List<String> changed = RunComparison.environmentChanges(environment(baseline), environment(run));
        main.out.println(changed.isEmpty() ? "environment: as in the baseline"
                : "environment changed since the baseline:");
        changed.forEach(line -> main.out.println("  " + line));
        main.out.printf(Locale.ROOT, "%-12s %-28s %-44s %14s %14s  %s%n", "verdict", "metric", "case group", "baseline",
                "run", "why");
        for (RunComparison.Change c : changes) {
            if (!all && c.outcome() == RunComparison.Outcome.UNCHANGED) {
                continue;
            }
            String unit = unit(c.metric());
            main.out.printf(Locale.ROOT, "%-12s %-28s %-44s %14s %14s  %s%s%n",
                    c.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), c.metric(), group(c.group()),
                    c.baseline().length == 0 ? "-" : Quantities.format(c.baselineMean(), unit),
                    c.run().length == 0 ? "-" : Quantities.format(c.runMean(), unit), c.why(),
                    c.effect().isPresent() ? String.format(Locale.ROOT, ", g = %.2f", c.effect().getAsDouble()) : "");
        }
        Map<RunComparison.Outcome, Long> counts = changes.stream()
                .collect(Collectors.groupingBy(RunComparison.Change::outcome, Collectors.counting()));
        main.out.println(counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", ")));
        main.out.flush();
        return RunComparison.regressed(changes) ? Main.EXIT_FAIL : Main.EXIT_PASS;
    }

    private static String unit(String metric) {
        return Metric.byId(metric).map(Metric::unit).orElse("count");
    }

    private static String group(Map<String, String> group) {
        return group.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /**
     * The newest run folder beside {@code run} of the same pipeline that started before it and passed
     * (its {@code summary.json}).
     */
    static Path lastPassing(Path run) {
        JsonNode self = summary(run);
        String pipeline = self.path("pipeline").asText();
        String start = self.path("start").asText();
        Path parent = run.toAbsolutePath().normalize().getParent();
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> folders = Files.list(parent)) {
            folders.filter(Files::isDirectory).filter(f -> Files.isRegularFile(f.resolve("summary.json")))
                    .forEach(candidates::add);
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + parent + ": " + e.getMessage());
        }
        Path best = null;
        String bestStart = "";
        for (Path folder : candidates) {
            JsonNode s = summary(folder);
            String began = s.path("start").asText();
            // ISO-8601 instants of one zone compare as text
            if (s.path("pipeline").asText().equals(pipeline) && "pass".equals(s.path("verdict").asText())
                    && began.compareTo(start) < 0 && began.compareTo(bestStart) > 0) {
                best = folder;
                bestStart = began;
            }
        }
        if (best == null) {
            throw new InvalidInputException("no earlier passing run of pipeline '" + pipeline + "' in " + parent);
        }
        return best;
    }

    private static JsonNode summary(Path folder) {
        Path file = folder.resolve("summary.json");
        try {
            return RunFolder.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The facts preflight read ({@code summary.json}'s {@code environment}); empty when the run wrote no summary. */
    static Map<String, String> environment(Path folder) {
        if (!Files.isRegularFile(folder.resolve("summary.json"))) {
            return Map.of();
        }
        Map<String, String> out = new java.util.TreeMap<>();
        summary(folder).path("environment").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** A run folder's {@code samples.jsonl}, every line a sample. */
    static List<Sample> samples(Path folder) {
        return RecordedRun.samples(folder);
    }
}
