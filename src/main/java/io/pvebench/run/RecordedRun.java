package io.pvebench.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.balance.SweepResult;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;

/**
 * A run read back from its folder, without its verdicts: what it was ({@code summary.json}),
 * each finished case as it happened ({@code cases.jsonl}) and every sample
 * ({@code samples.jsonl}). What judging a run again starts from; raw outputs are not read
 * here, attachments name them. Immutable once read.
 */
public final class RecordedRun {

    private final Path folder;
    private final JsonNode summary;
    private final List<JsonNode> caseLines;
    private final List<Sample> samples;
    private final List<SweepResult> sweep;

    private RecordedRun(Path folder, JsonNode summary, List<JsonNode> caseLines, List<Sample> samples,
                        List<SweepResult> sweep) {
        this.folder = folder;
        this.summary = summary;
        this.caseLines = caseLines;
        this.samples = samples;
        this.sweep = sweep;
    }

    /**
     * Reads the run in {@code folder}.
     *
     * @throws UnreadableRunException when it is not a run folder, or was written by a pvebench
     *                                that kept no {@code cases.jsonl}, or a file is malformed
     *                                (the message names the file and line)
     */
    public static RecordedRun read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new UnreadableRunException("no run folder at " + folder);
        }
        Path summaryFile = folder.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            throw new UnreadableRunException(folder + " is not a run folder: it has no summary.json"
                    + " (a run folder is reports/<pipeline>-<time>-<seed>)");
        }
        JsonNode summary = RunFolderReader.summary(folder);
        if (!summary.isObject() || !summary.path("pipeline").isTextual() || !summary.path("runId").isTextual()) {
            throw new UnreadableRunException(summaryFile + " is not a run's summary: it has no 'pipeline' and 'runId'");
        }
        Path casesFile = folder.resolve(RunFolder.CASES);
        if (!Files.isRegularFile(casesFile)) {
            throw new UnreadableRunException(folder + " has no " + RunFolder.CASES + ": it was written by a pvebench"
                    + " that did not keep its cases' records, so it cannot be judged again; run the pipeline again");
        }
        List<JsonNode> lines = new ArrayList<>();
        jsonLines(casesFile, (line, number) -> lines.add(line));
        List<SweepResult> sweep = new ArrayList<>();
        Path sweepFile = folder.resolve(RunFolder.SWEEP);
        if (Files.isRegularFile(sweepFile)) {
            jsonLines(sweepFile, (line, number) -> {
                try {
                    sweep.add(SweepJournal.result(line));
                } catch (IllegalArgumentException | java.time.DateTimeException e) {
                    throw new UnreadableRunException(sweepFile + ":" + number + ": " + e.getMessage());
                }
            });
        }
        return new RecordedRun(folder, summary, List.copyOf(lines), samples(folder), List.copyOf(sweep));
    }

    /**
     * A run folder's {@code samples.jsonl}, every line a sample, in order.
     *
     * @throws UnreadableRunException when there is no such file or a line is not a sample
     */
    public static List<Sample> samples(Path folder) {
        Path file = folder.resolve(RunFolder.SAMPLES);
        if (!Files.isRegularFile(file)) {
            throw new UnreadableRunException(folder + " is not a run folder: it has no " + RunFolder.SAMPLES);
        }
        List<Sample> out = new ArrayList<>();
        jsonLines(file, (line, number) -> {
            try {
                out.add(RunFolder.JSON.treeToValue(line, Sample.class));
            } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                throw new UnreadableRunException(file + ":" + number + ": not a sample: "
                        + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            }
        });
        return out;
    }

    /** Hands {@code reader} each non-blank line of {@code file} as JSON with its 1-based number. */
    private static void jsonLines(Path file, ObjIntConsumer<JsonNode> reader) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UnreadableRunException("cannot read " + file + ": " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = RunFolder.JSON.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new UnreadableRunException(file + ":" + (i + 1) + ": not JSON: " + e.getOriginalMessage());
            }
            reader.accept(node, i + 1);
        }
    }

    public Path folder() {
        return folder;
    }

    /** {@code summary.json} as the run (or the last re-assessment) wrote it: the verdicts before. */
    public JsonNode summary() {
        return summary;
    }

    public String pipeline() {
        return summary.path("pipeline").asText();
    }

    public String runId() {
        return summary.path("runId").asText();
    }

    /** The pipeline file the run was started with, as it was named then. */
    public Path source() {
        return Path.of(summary.path("source").asText(""));
    }

    public String cluster() {
        return summary.path("cluster").asText("");
    }

    public long seed() {
        return summary.path("seed").asLong();
    }

    public Instant start() {
        return instant("start").orElseThrow(() -> new UnreadableRunException(folder.resolve("summary.json")
                + ": 'start' is missing"));
    }

    /** When the run ended; for a run that never wrote its end (it crashed), when its last case ended. */
    public Instant end() {
        return instant("end").orElseGet(() -> caseLines.stream().map(l -> l.path("end").asText(""))
                .filter(t -> !t.isEmpty()).map(this::caseEnd).max(Instant::compareTo).orElse(start()));
    }

    private Instant caseEnd(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnreadableRunException(folder.resolve(RunFolder.CASES) + ": a case's 'end' is not an ISO-8601"
                    + " instant: " + text);
        }
    }

    /** The cluster facts preflight read. */
    public Map<String, String> environment() {
        Map<String, String> out = new LinkedHashMap<>();
        summary.path("environment").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(out);
    }

    /** How each case's balancer did, in the order the cases finished; empty when the pipeline sweeps nothing. */
    public List<SweepResult> sweep() {
        return sweep;
    }

    /** The ids of the finished cases, in the order they finished. */
    public List<String> caseIds() {
        return caseLines.stream().map(CaseJournal::caseId).toList();
    }

    /**
     * Every finished case, in the order they finished, each with its samples (those labelled
     * with its id).
     *
     * @param plans the plan of a case id; empty when the pipeline at hand does not plan it
     * @throws UnreadableRunException when a case is not planned, a line is malformed, or the
     *                                samples of a case are not as many as when it finished
     */
    public List<CaseRecord> cases(Function<String, Optional<CasePlan>> plans) {
        Map<String, List<Sample>> byCase = new LinkedHashMap<>();
        for (Sample s : samples) {
            byCase.computeIfAbsent(s.labels().getOrDefault("case", ""), k -> new ArrayList<>()).add(s);
        }
        Path file = folder.resolve(RunFolder.CASES);
        List<CaseRecord> out = new ArrayList<>();
        for (int i = 0; i < caseLines.size(); i++) {
            JsonNode line = caseLines.get(i);
            String where = file + ":" + (i + 1) + ": ";
            try {
                String id = CaseJournal.caseId(line);
                CasePlan plan = plans.apply(id).orElseThrow(() -> new UnreadableRunException(where + "case '" + id
                        + "' is not in the pipeline's matrix; judge the run with the pipeline it ran"));
                List<Sample> own = byCase.getOrDefault(id, List.of());
                if (own.size() != CaseJournal.sampleCount(line)) {
                    throw new UnreadableRunException(where + "case '" + id + "' finished with "
                            + CaseJournal.sampleCount(line) + " samples but " + RunFolder.SAMPLES + " holds "
                            + own.size() + " labelled case=" + id);
                }
                out.add(CaseJournal.record(line, plan, own));
            } catch (IllegalArgumentException e) {
                throw new UnreadableRunException(where + e.getMessage());
            }
        }
        return out;
    }

    private Optional<Instant> instant(String field) {
        String text = summary.path(field).asText("");
        if (text.isEmpty() || summary.path(field).isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new UnreadableRunException(folder.resolve("summary.json") + ": '" + field
                    + "' is not an ISO-8601 instant: " + text);
        }
    }
}
