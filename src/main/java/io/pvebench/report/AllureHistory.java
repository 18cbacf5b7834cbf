package io.pvebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Allure trend history of one cluster and pipeline, kept by pvebench in a history folder
 * ({@code <history>/<cluster>/<pipeline>/}; by default {@code <out>/.history} beside the run folders) so a report's trend charts show earlier runs even
 * when their run folders or Jenkins builds are gone. Before Allure renders a run, the stored files
 * are copied into the run's {@code allure-results/history/}, where Allure 2 reads them; after, the
 * report's own {@code history/} replaces them, each file capped to the last {@link #runs} runs.
 *
 * <p>The files are the five Allure 2.34's history plugins read and write ({@link #FILES}): the
 * trend files are arrays, newest run first; {@code history.json} maps each test's history id to
 * its statistic and {@code items}, newest first. Allure itself keeps at most 20 of either, so a
 * cap above {@value #DEFAULT_RUNS} changes nothing.
 *
 * <p>Files are replaced atomically, so a crash leaves the old history or the new one. Not safe for
 * two runs of one pipeline on one cluster at once, which the scheduler never starts.
 */
public final class AllureHistory {

    /** The history folder's default name under the output folder. */
    public static final String FOLDER = ".history";
    /** The runs kept per file: Allure 2's own limit for trends and a test's history. */
    public static final int DEFAULT_RUNS = 20;
    /** What Allure 2 reads from {@code allure-results/history/} and writes to the report's {@code history/}. */
    public static final List<String> FILES = List.of("history.json", "history-trend.json", "duration-trend.json",
            "categories-trend.json", "retry-trend.json");

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final int runs;

    private AllureHistory(Path folder, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("keep at least one run, not " + runs);
        }
        this.folder = folder;
        this.runs = runs;
    }

    /**
     * The history of {@code pipeline} on {@code cluster} (the run's cluster name, {@code twin} for the
     * embedded twin, as the heal journal names it) in the history folder {@code root}.
     */
    public static AllureHistory of(Path root, String cluster, String pipeline, int runs) {
        return new AllureHistory(root.resolve(safe(cluster)).resolve(safe(pipeline)), runs);
    }

    /** Where the files are kept. */
    public Path folder() {
        return folder;
    }

    /** Copies the stored files into {@code resultsDir/history/}; nothing when none is stored yet. */
    public void copyInto(Path resultsDir) throws IOException {
        for (String name : FILES) {
            Path stored = folder.resolve(name);
            if (Files.isRegularFile(stored)) {
                Path target = resultsDir.resolve("history").resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(stored, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The number the next run's trend point gets: one more than the newest stored, 1 for the first. */
    public int nextBuildOrder() throws IOException {
        Path trend = folder.resolve("history-trend.json");
        int newest = 0;
        if (Files.isRegularFile(trend)) {
            for (JsonNode item : JSON.readTree(trend.toFile())) {
                newest = Math.max(newest, item.path("buildOrder").asInt(0));
            }
        }
        return newest + 1;
    }

    /**
     * Keeps a rendered report's history: its {@code history/} folder, or for a single-file report the
     * history files embedded in its {@code index.html}. Files the report lacks stay as they were.
     *
     * @return the names of the files kept
     * @throws IOException when the report cannot be read or the history not written
     */
    public List<String> keepFrom(Path reportFolder) throws IOException {
        Map<String, byte[]> files = reportHistory(reportFolder);
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            byte[] capped = JSON.writeValueAsBytes(capped(file.getKey(), JSON.readTree(file.getValue()), runs));
            Path temp = folder.resolve(file.getKey() + ".tmp");
            Files.write(temp, capped);
            try {
                Files.move(temp, folder.resolve(file.getKey()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, folder.resolve(file.getKey()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return List.copyOf(files.keySet());
    }

    /**
     * One history file cut to the last {@code runs} runs: a trend array to its first {@code runs}
     * points (newest first, as Allure writes them), {@code history.json} to that many items per test.
     * Anything else is returned unchanged.
     */
    static JsonNode capped(String name, JsonNode content, int runs) {
        if (content instanceof ArrayNode trend) {
            return first(trend, runs);
        }
        if (name.equals("history.json") && content instanceof ObjectNode tests) {
            ObjectNode out = tests.deepCopy();
            out.fields().forEachRemaining(test -> {
                if (test.getValue() instanceof ObjectNode t && t.path("items") instanceof ArrayNode items) {
                    t.set("items", first(items, runs));
                }
            });
            return out;
        }
        return content;
    }

    private static ArrayNode first(ArrayNode items, int count) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < Math.min(count, items.size()); i++) {
            out.add(items.get(i));
        }
        return out;
    }

    private static Map<String, byte[]> reportHistory(Path reportFolder) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Path history = reportFolder.resolve("history");
        if (Files.isDirectory(history)) {
            for (String name : FILES) {
                if (Files.isRegularFile(history.resolve(name))) {
                    out.put(name, Files.readAllBytes(history.resolve(name)));
                }
            }
            return out;
        }
        Path index = reportFolder.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            throw new IOException("no report in " + reportFolder + ": neither history/ nor index.html");
        }
        Map<String, byte[]> embedded = AllureHtml.embeddedFiles(index);
        for (String name : FILES) {
            byte[] content = embedded.get("history/" + name);
            if (content != null) {
                out.put(name, content);
            }
        }
        return out;
    }

    private static String safe(String name) {
        return UNSAFE.matcher(name).replaceAll("_");
    }
}
