package io.pvebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.measure.Sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads back the parts of a run folder a comparison needs: its samples, its summary, the facts
 * preflight read, and which earlier run of the same pipeline passed; unlike {@link RecordedRun} it
 * needs no case records, so runs of any pvebench version compare. Stateless; every failure is an
 * {@link UnreadableRunException} naming the file.
 */
public final class RunFolderReader {

    private RunFolderReader() {
    }

    /** A run folder's {@code samples.jsonl}, every line a sample. */
    public static List<Sample> samples(Path folder) {
        return RecordedRun.samples(folder);
    }

    /** A run folder's {@code summary.json}. */
    public static JsonNode summary(Path folder) {
        Path file = folder.resolve("summary.json");
        try {
            return RunFolder.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UnreadableRunException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static boolean regressed(Path folder) {
        Path verdict = folder.resolve(RunFolder.BASELINE_VERDICT);
        if (!Files.isRegularFile(verdict)) {
            return false;
        }
        try {
            return RunFolder.JSON.readTree(verdict.toFile()).path("regressed").asBoolean(false);
        } catch (IOException e) {
            throw new UnreadableRunException("cannot read " + verdict + ": " + e.getMessage());
        }
    }

    /** The facts preflight read ({@code summary.json}'s {@code environment}); empty when the run wrote no summary. */
    public static Map<String, String> environment(Path folder) {
        if (!Files.isRegularFile(folder.resolve("summary.json"))) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        summary(folder).path("environment").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * The newest run folder beside {@code run} of the same pipeline on the same cluster that started before
     * it, passed (by their {@code summary.json}) and did not regress against its own baseline (its
     * {@value RunFolder#BASELINE_VERDICT}, when it had one); empty when there is none. So a regression stays
     * one until a run passes without it, or the pipeline names a new baseline.
     */
    public static Optional<Path> lastPassingBefore(Path run) {
        JsonNode self = summary(run);
        String pipeline = self.path("pipeline").asText();
        String cluster = self.path("cluster").asText();
        String start = self.path("start").asText();
        Path parent = run.toAbsolutePath().normalize().getParent();
        List<Path> candidates;
        try (Stream<Path> folders = Files.list(parent)) {
            candidates = folders.filter(Files::isDirectory).filter(f -> Files.isRegularFile(f.resolve("summary.json")))
                    .toList();
        } catch (IOException e) {
            throw new UnreadableRunException("cannot list " + parent + ": " + e.getMessage());
        }
        Path best = null;
        String bestStart = "";
        for (Path folder : candidates) {
            JsonNode s = summary(folder);
            String began = s.path("start").asText();
            // ISO-8601 instants of one zone compare as text
            if (s.path("pipeline").asText().equals(pipeline) && s.path("cluster").asText().equals(cluster)
                    && "pass".equals(s.path("verdict").asText()) && !regressed(folder)
                    && began.compareTo(start) < 0 && began.compareTo(bestStart) > 0) {
                best = folder;
                bestStart = began;
            }
        }
        return Optional.ofNullable(best);
    }
}
