package io.pvebench.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pvebench.measure.Sample;
import io.pvebench.ssh.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The folder one run writes to, and the only code that lays it out.
 *
 * <pre>
 * &lt;run&gt;/pipeline.yaml        a copy of the pipeline file the run ran
 * &lt;run&gt;/samples.jsonl        one {@link Sample} per line, appended as cases finish
 * &lt;run&gt;/cases.jsonl          one {@link CaseRecord} per line (steps, phases, why it broke; its samples
 *                          are those of samples.jsonl labelled with its id), appended as cases finish
 * &lt;run&gt;/summary.previous.json  the summary before the run was last judged again ({@code pvebench report})
 * &lt;run&gt;/reassessment.json    when, with which pipeline and with what changes it was last judged again
 * &lt;run&gt;/sweep.jsonl          how each case's balancer did, when the pipeline sweeps balancer settings
 * &lt;run&gt;/raw/commands.jsonl   one line per remote command: where, what, exit code, files
 * &lt;run&gt;/raw/&lt;case&gt;/NNN-...   each command's stdout (and stderr) exactly as received
 * &lt;run&gt;/cases/&lt;case&gt;/...      files made from a case's results (its time series as CSV, charts)
 * </pre>
 *
 * <p>Thread-safe: raw outputs and samples may be written from parallel commands.
 * Every write goes to disk at once, so a crash loses at most what was in flight.
 */
public final class RunFolder {

    /** The one JSON mapping used for every file of a run folder (ISO-8601 instants). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Where a run keeps its copy of the pipeline file it ran. */
    public static final String PIPELINE_COPY = "pipeline.yaml";
    /** The file of every finished case's {@link CaseRecord}, one per line. */
    public static final String CASES = "cases.jsonl";
    /** The file of how each case's balancer did, one per line, when the pipeline sweeps balancer settings. */
    public static final String SWEEP = "sweep.jsonl";
    /** The summary before the run was last judged again, kept beside the new one. */
    public static final String PREVIOUS_SUMMARY = "summary.previous.json";
    /** When, with which pipeline and with what changes the run was last judged again. */
    public static final String REASSESSMENT = "reassessment.json";
    /** The file of every sample, one per line. */
    public static final String SAMPLES = "samples.jsonl";
    /**
     * How the run did against its pipeline's baseline, when the pipeline names one: {@code baseline} (its
     * run folder's name), {@code regressed}, {@code counts}. A run that regressed is no later run's baseline.
     */
    public static final String BASELINE_VERDICT = "baseline.json";

    private final Path root;
    private final AtomicInteger sequence = new AtomicInteger();

    private RunFolder(Path root) {
        this.root = root;
    }

    /**
     * Creates a new {@code parent/runId} with its {@code raw/} folder. Never reuses a
     * folder: when {@code runId} is taken (two runs in the same second), {@code -2},
     * {@code -3}, ... is appended, so two runs never write into one folder.
     */
    public static RunFolder create(Path parent, String runId) {
        try {
            Files.createDirectories(parent);
            for (int attempt = 1; ; attempt++) {
                Path root = parent.resolve(attempt == 1 ? runId : runId + "-" + attempt);
                try {
                    Files.createDirectory(root);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    continue;
                }
                Files.createDirectory(root.resolve("raw"));
                return new RunFolder(root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder in " + parent, e);
        }
    }

    /**
     * An existing run folder, to write its reports again ({@code pvebench report}); its raw
     * outputs and samples are only read.
     */
    public static RunFolder open(Path root) {
        return new RunFolder(root);
    }

    /**
     * Keeps a copy of the pipeline file the run runs as {@value #PIPELINE_COPY}, so the run can be
     * judged again later with exactly the objectives it ran with, whatever becomes of the file.
     * A pipeline that was not read from a file (built in memory) leaves no copy.
     */
    public void keepPipeline(Path pipelineFile) {
        if (!Files.isRegularFile(pipelineFile)) {
            return;
        }
        try {
            Files.copy(pipelineFile, root.resolve(PIPELINE_COPY), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a copy of " + pipelineFile, e);
        }
    }

    /**
     * Copies this run folder, everything in it, to {@code target} (which must not exist) and
     * returns the copy; attachments name files relative to the folder, so they hold in the copy.
     */
    public RunFolder copyTo(Path target) {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                Path to = target.resolve(root.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + root + " to " + target, e);
        }
        return new RunFolder(target);
    }

    /**
     * Keeps {@code summary.json} as {@value #PREVIOUS_SUMMARY} (replacing an older one) before the
     * run is judged again, so the verdicts before stay readable.
     */
    public void keepSummaryAsPrevious() {
        try {
            Files.copy(root.resolve("summary.json"), root.resolve(PREVIOUS_SUMMARY),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the summary as " + PREVIOUS_SUMMARY, e);
        }
    }

    /** The run's id: the folder's name. */
    public String runId() {
        return root.getFileName().toString();
    }

    public Path root() {
        return root;
    }

    /**
     * Keeps one command's output and returns it as attachments (stdout, and stderr when
     * the command wrote any), with paths relative to the run folder.
     */
    public List<Attachment> saveRaw(String scope, String stage, String title, CommandResult result) {
        int seq = sequence.incrementAndGet();
        String base = "raw/" + safe(scope) + "/" + String.format("%03d-%s-%s", seq, safe(stage), safe(title));
        String stdoutExt = looksLikeJson(result.stdout()) ? ".json" : ".txt";
        List<Attachment> attachments = new ArrayList<>();
        Path stdout = Path.of(base + stdoutExt);
        write(stdout, result.stdout());
        attachments.add(new Attachment(title + " (" + result.host() + ")", stdout,
                stdoutExt.equals(".json") ? "application/json" : "text/plain"));
        Path stderr = null;
        if (!result.stderr().isEmpty()) {
            stderr = Path.of(base + ".stderr.txt");
            write(stderr, result.stderr());
            attachments.add(new Attachment(title + " stderr (" + result.host() + ")", stderr, "text/plain"));
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("seq", seq);
        index.put("scope", scope);
        index.put("stage", stage);
        index.put("title", title);
        index.put("host", result.host());
        index.put("command", result.command());
        index.put("exitCode", result.exitCode());
        index.put("elapsedMs", result.elapsed().toMillis());
        index.put("stdout", stdout.toString());
        index.put("stderr", stderr == null ? null : stderr.toString());
        appendLine(Path.of("raw/commands.jsonl"), index);
        return attachments;
    }

    /** Keeps a command that never produced a result (timeout, lost session), so the index is complete. */
    public void saveFailedCommand(String scope, String stage, String host, String command, String reason) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("seq", sequence.incrementAndGet());
        index.put("scope", scope);
        index.put("stage", stage);
        index.put("host", host);
        index.put("command", command);
        index.put("failure", reason);
        appendLine(Path.of("raw/commands.jsonl"), index);
    }

    /**
     * Appends one JSON line to {@code relative} (under {@code raw/SCOPE/} for a case's own
     * record of many small outputs, such as a sampler's), creating it on first use.
     */
    public void appendRaw(String scope, String fileName, Object line) {
        appendLine(Path.of("raw", safe(scope), safe(fileName)), line);
    }

    /** Where {@link #appendRaw} writes, relative to the run folder. */
    public static Path rawFile(String scope, String fileName) {
        return Path.of("raw", safe(scope), safe(fileName));
    }

    public void appendSamples(List<Sample> samples) {
        for (Sample sample : samples) {
            appendLine(Path.of(SAMPLES), sample);
        }
    }

    /** Appends how a case's balancer did, for the sweep's ranking when the run is judged again. */
    public void appendSweep(io.pvebench.balance.SweepResult result) {
        appendLine(Path.of(SWEEP), SweepJournal.line(result));
    }

    /** Appends a finished case's record (without its samples, which {@link #appendSamples} keeps). */
    public void appendCase(CaseRecord record) {
        appendLine(Path.of(CASES), CaseJournal.line(record));
    }

    /** Writes (replaces) a JSON file at {@code relative}, atomically, so readers never see half a file. */
    public void writeJson(String relative, Object value) {
        try {
            Path target = root.resolve(relative);
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), value);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relative, e);
        }
    }

    /**
     * Writes (replaces) a file made from one case's results, such as a chart, into
     * {@code cases/<case>/}, atomically, so a report never attaches half a file.
     *
     * @return its path relative to the run folder, as an {@link Attachment} names it
     */
    public Path writeCaseFile(String caseId, String fileName, byte[] content) {
        Path relative = Path.of("cases", safe(caseId), safe(fileName));
        try {
            Path target = root.resolve(relative);
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return relative;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relative, e);
        }
    }

    public void writeText(String relative, String text) {
        write(Path.of(relative), text);
    }

    private synchronized void appendLine(Path relative, Object value) {
        try {
            Path target = root.resolve(relative);
            Files.createDirectories(target.getParent());
            Files.writeString(target, JSON.writeValueAsString(value) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + relative, e);
        }
    }

    private void write(Path relative, String text) {
        try {
            Path target = root.resolve(relative);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relative, e);
        }
    }

    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        return t.startsWith("{") || t.startsWith("[");
    }

    /**
     * File-name-safe form of a label: letters, digits, dot, dash; everything else a dash,
     * and no leading dot, so a label can never name a parent or hidden file.
     */
    static String safe(String label) {
        String cleaned = label.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[-.]+|-+$", "");
        return cleaned.isEmpty() ? "x" : cleaned;
    }
}
