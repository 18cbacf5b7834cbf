package io.pvebench.report;

import io.pvebench.assess.RunComparison;
import io.pvebench.measure.Quantities;
import io.pvebench.run.RunFolderReader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run folder held against a baseline run folder: per metric and case group improved, unchanged or
 * regressed ({@link RunComparison}), and what changed in the environment the two runs read. Printed
 * the same way by {@code pvebench compare} and at the end of a run whose pipeline names a baseline.
 *
 * @param baseline           the baseline's run folder
 * @param run                the run folder judged
 * @param settings           noise threshold and significance level
 * @param changes            one per metric and case group, in {@link RunComparison}'s order
 * @param environmentChanges one line per fact that differs, e.g. {@code pve1 kernel: a -> b}
 */
public record BaselineComparison(Path baseline, Path run, RunComparison.Settings settings,
                                 List<RunComparison.Change> changes, List<String> environmentChanges) {

    public BaselineComparison {
        changes = List.copyOf(changes);
        environmentChanges = List.copyOf(environmentChanges);
    }

    /** Reads both folders' samples and summaries and compares them. */
    public static BaselineComparison of(Path baseline, Path run, RunComparison.Settings settings) {
        return new BaselineComparison(baseline, run, settings,
                RunComparison.compare(RunFolderReader.samples(baseline), RunFolderReader.samples(run), settings),
                RunComparison.environmentChanges(RunFolderReader.environment(baseline),
                        RunFolderReader.environment(run)));
    }

    public boolean regressed() {
        return RunComparison.regressed(changes);
    }

    /** The table: the environment's changes first, then a row per change (unchanged ones only with {@code all}). */
    public void print(PrintStream out, boolean all) {
        out.printf(Locale.ROOT, "%s against baseline %s (noise %s %%, alpha %s)%n", run.getFileName(),
                baseline.getFileName(), Quantities.format(settings.noise() * 100, "count"), settings.alpha());
        out.println(environmentChanges.isEmpty() ? "environment: as in the baseline"
                : "environment changed since the baseline:");
        environmentChanges.forEach(line -> out.println("  " + line));
        out.printf(Locale.ROOT, "%-12s %-28s %-44s %14s %14s  %s%n", "verdict", "metric", "case group", "baseline",
                "run", "why");
        for (RunComparison.Change c : changes) {
            if (!all && c.outcome() == RunComparison.Outcome.UNCHANGED) {
                continue;
            }
            String unit = c.unit();
            out.printf(Locale.ROOT, "%-12s %-28s %-44s %14s %14s  %s%s%n", word(c.outcome()), c.metric(),
                    group(c.group()), c.baseline().length == 0 ? "-" : Quantities.format(c.baselineMean(), unit),
                    c.run().length == 0 ? "-" : Quantities.format(c.runMean(), unit), c.why(),
                    c.effect().isPresent() ? String.format(Locale.ROOT, ", g = %.2f", c.effect().getAsDouble()) : "");
        }
        out.println(counts());
        out.flush();
    }

    /** "2 improved, 10 unchanged, 1 regressed". */
    public String counts() {
        Map<RunComparison.Outcome, Long> counts = changes.stream()
                .collect(Collectors.groupingBy(RunComparison.Change::outcome, Collectors.counting()));
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + word(e.getKey())).collect(Collectors.joining(", "));
    }

    private static String word(RunComparison.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String group(Map<String, String> group) {
        return group.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
