package io.pvebench.report;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code allure-results/} into {@code allure-report/index.html} with Allure's own
 * commandline ({@code allure generate --single-file}), the only form that renders when
 * opened from disk. The commandline is the one Maven unpacks beside the jar
 * ({@code target/allure-cli/allure-<version>}); {@code PVEBENCH_ALLURE_HOME} or the
 * {@code pvebench.allure.home} property point elsewhere, and {@code allure} on the PATH
 * is the last resort.
 */
public final class AllureHtml {

    /** The rendered report's folder in a run folder. */
    public static final String REPORT_FOLDER = "allure-report";

    /** How long Allure may take; it needs about 3 s for a small run. */
    private static final long TIMEOUT_SECONDS = 180;

    private AllureHtml() {
    }

    /**
     * What rendering did.
     *
     * @param report  the report's {@code index.html}; null when it was not rendered
     * @param problem why it was not rendered; null when it was
     * @param notes   what went wrong beside it without stopping it (e.g. the trend history not kept)
     */
    public record Outcome(Path report, String problem, List<String> notes) {

        public Outcome {
            notes = List.copyOf(notes);
        }

        public Outcome(Path report, String problem) {
            this(report, problem, List.of());
        }

        public boolean generated() {
            return problem == null;
        }

        /** This outcome with one more note. */
        public Outcome withNote(String note) {
            List<String> more = new ArrayList<>(notes);
            more.add(note);
            return new Outcome(report, problem, more);
        }
    }

    public static Outcome generate(Path runFolder) {
        Optional<Path> allure = locate();
        if (allure.isEmpty()) {
            return new Outcome(null, "Allure commandline not found (set PVEBENCH_ALLURE_HOME, or build with "
                    + "'mvn package', which unpacks it into target/allure-cli); results stay in "
                    + AllureResults.FOLDER + "/");
        }
        Path output = runFolder.resolve(REPORT_FOLDER);
        Path log = runFolder.resolve("allure-generate.log");
        List<String> command = new ArrayList<>(List.of(allure.get().toString(), "generate", "--single-file", "--clean",
                "-o", output.toString(), runFolder.resolve(AllureResults.FOLDER).toString()));
        // the comparison with the pipeline's baseline, when the run made one: its tests and Regressions category
        Path compared = runFolder.resolve(ComparisonResults.FOLDER);
        if (Files.isDirectory(compared)) {
            command.add(compared.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = pb.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(null, "Allure did not finish within " + TIMEOUT_SECONDS + " s; see " + log);
            }
            if (process.exitValue() != 0 || !Files.exists(output.resolve("index.html"))) {
                return new Outcome(null, "Allure exited " + process.exitValue() + "; see " + log);
            }
            return new Outcome(output.resolve("index.html"), null);
        } catch (IOException e) {
            return new Outcome(null, "cannot start " + allure.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted while Allure was generating the report");
        }
    }

    /**
     * Removes {@code runFolder}'s rendered report, so one that is not rendered again never shows
     * results that have since been rewritten; whether there was one.
     */
    public static boolean remove(Path runFolder) {
        Path report = runFolder.resolve(REPORT_FOLDER);
        if (!Files.exists(report)) {
            return false;
        }
        try (var paths = Files.walk(report)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove " + report, e);
        }
        return true;
    }

    /** How Allure 2.34's single-file report embeds each file of the report: {@code d('widgets/x.json','<base64>')}. */
    private static final Pattern EMBEDDED = Pattern.compile("d\\('([^']+)','([A-Za-z0-9+/=]*)'\\)");

    /**
     * The files a single-file report embeds in its page, by their path in a multi-file report
     * ({@code history/history-trend.json}, {@code widgets/categories.json}), decoded.
     */
    public static Map<String, byte[]> embeddedFiles(Path indexHtml) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Matcher m = EMBEDDED.matcher(Files.readString(indexHtml, StandardCharsets.UTF_8));
        while (m.find()) {
            out.put(m.group(1), Base64.getDecoder().decode(m.group(2)));
        }
        return out;
    }

    /** Allure's commandline, where {@link #generate} would find it. */
    public static Optional<Path> locate() {
        List<Path> homes = new ArrayList<>();
        Optional.ofNullable(System.getenv("PVEBENCH_ALLURE_HOME")).map(Path::of).ifPresent(homes::add);
        Optional.ofNullable(System.getProperty("pvebench.allure.home")).map(Path::of).ifPresent(homes::add);
        jarFolder().ifPresent(dir -> homes.addAll(unpacked(dir.resolve("allure-cli"))));
        homes.addAll(unpacked(Path.of("target", "allure-cli")));
        for (Path home : homes) {
            Path bin = home.resolve("bin").resolve("allure");
            if (Files.isExecutable(bin)) {
                return Optional.of(bin);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path bin = Path.of(dir, "allure");
            if (!dir.isEmpty() && Files.isExecutable(bin)) {
                return Optional.of(bin);
            }
        }
        return Optional.empty();
    }

    private static List<Path> unpacked(Path cliFolder) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(cliFolder)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(cliFolder, "allure-*")) {
            dirs.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    private static Optional<Path> jarFolder() {
        try {
            Path location = Path.of(AllureHtml.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(location.getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
