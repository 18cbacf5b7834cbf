package io.pvebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.RunComparison;
import io.pvebench.measure.Sample;
import io.pvebench.run.RunFolder;
import io.pvebench.testsupport.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonResultsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dir;

    /** Three repetitions of throughput (bit/s) and rtt_avg (ms) in case group small / idle. */
    private static List<Sample> run(double[] throughput, double[] rtt) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < throughput.length; i++) {
            Map<String, String> labels = Map.of("vmSpec", "small", "scenario", "idle",
                    "repetition", String.valueOf(i + 1), "case", "small-idle-r" + (i + 1));
            out.add(new Sample("throughput", throughput[i], "bit/s", labels, T0.plusSeconds(i)));
            out.add(new Sample("rtt_avg", rtt[i], "ms", labels, T0.plusSeconds(i)));
        }
        return out;
    }

    /** Throughput 20 % down in the run, round trips the same. */
    private static List<RunComparison.Change> slowerThroughput() {
        return RunComparison.compare(
                run(new double[] {9.40e9, 9.41e9, 9.39e9}, new double[] {0.30, 0.31, 0.30}),
                run(new double[] {7.52e9, 7.50e9, 7.53e9}, new double[] {0.30, 0.30, 0.31}),
                RunComparison.Settings.DEFAULT);
    }

    private static ComparisonResults.Compared compared() {
        return new ComparisonResults.Compared("lab-check", "lab-check-base", "lab-check-new",
                RunComparison.Settings.DEFAULT, List.of("pve.version: 9.2.10 -> 9.2.11"), T0);
    }

    private static List<JsonNode> tests(Path results) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                out.add(RunFolder.JSON.readTree(f.toFile()));
            }
        }
        return out;
    }

    private static JsonNode test(List<JsonNode> tests, String metric) {
        return tests.stream().filter(t -> t.get("name").asText().startsWith(metric + " ")).findFirst().orElseThrow();
    }

    private static String parameter(JsonNode test, String name) {
        for (JsonNode p : test.get("parameters")) {
            if (p.get("name").asText().equals(name)) {
                return p.get("value").asText();
            }
        }
        throw new AssertionError("no parameter " + name + " in " + test);
    }

    @Test
    void aRegressionIsAFailedTestWithBothValuesTheDifferenceEffectSizeAndP() throws Exception {
        Path results = dir.resolve("compare");

        ComparisonResults.write(results, compared(), slowerThroughput());

        List<JsonNode> tests = tests(results);
        assertThat(tests).hasSize(2);
        JsonNode throughput = test(tests, "throughput");
        assertThat(throughput.get("name").asText()).isEqualTo("throughput [vmSpec=small scenario=idle]");
        assertThat(throughput.get("status").asText()).isEqualTo("failed");
        assertThat(throughput.at("/statusDetails/message").asText()).startsWith("regressed: -20.0 %, p = 0.000");
        assertThat(parameter(throughput, "baseline")).isEqualTo("9.4 Gbit/s");
        assertThat(parameter(throughput, "run")).isEqualTo("7.52 Gbit/s");
        assertThat(parameter(throughput, "difference")).isEqualTo("-1.88 Gbit/s");
        assertThat(parameter(throughput, "relative")).isEqualTo("-20.0 %");
        assertThat(Double.parseDouble(parameter(throughput, "effect size (Hedges' g)"))).isLessThan(-10);
        assertThat(Double.parseDouble(parameter(throughput, "p (Welch)"))).isLessThan(0.001);
        assertThat(parameter(throughput, "repetitions")).isEqualTo("3 / 3");
        assertThat(throughput.get("description").asText()).contains("| 1 | 9.4 Gbit/s | 7.52 Gbit/s |");
        assertThat(throughput.get("labels").findValuesAsText("value"))
                .contains("lab-check", ComparisonResults.SUITE, "small", "idle", "regressed");
        JsonNode rtt = test(tests, "rtt_avg");
        assertThat(rtt.get("status").asText()).isEqualTo("passed");
        assertThat(rtt.at("/statusDetails/message").asText()).startsWith("unchanged: ");
        assertThat(Files.readString(results.resolve("environment.properties")))
                .contains("baseline=lab-check-base").contains("pve.version\\: 9.2.10 -> 9.2.11");
    }

    @Test
    void theRegressionsCategoryMatchesRegressionsOnly() throws Exception {
        Path results = dir.resolve("compare");
        ComparisonResults.write(results, compared(), slowerThroughput());

        JsonNode regressions = null;
        for (JsonNode category : RunFolder.JSON.readTree(results.resolve("categories.json").toFile())) {
            if (category.get("name").asText().equals(ComparisonResults.REGRESSIONS)) {
                regressions = category;
            }
        }
        assertThat(regressions).isNotNull();
        List<JsonNode> tests = tests(results);
        String regex = regressions.get("messageRegex").asText();
        assertThat(test(tests, "throughput").at("/statusDetails/message").asText()).matches(regex);
        assertThat(test(tests, "rtt_avg").at("/statusDetails/message").asText()).doesNotMatch(regex);
        assertThat(regressions.get("matchedStatuses").get(0).asText()).isEqualTo("failed");
    }

    /** What a person sees: Allure's own commandline puts the failed test in the category Regressions. */
    @Test
    void allureFilesTheRegressionUnderRegressions() throws Exception {
        Path allure = RequiredTools.require(AllureHtml.locate(), "Allure commandline not found (build with 'mvn"
                + " package', which unpacks it into target/allure-cli, or set PVEBENCH_ALLURE_HOME)");
        Path results = dir.resolve("compare");
        ComparisonResults.write(results, compared(), slowerThroughput());
        Path report = dir.resolve("report");

        ProcessBuilder generate = new ProcessBuilder(allure.toString(), "generate", "--clean", "-o",
                report.toString(), results.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("allure.log").toFile());
        generate.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = generate.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("allure.log"))).isZero();

        JsonNode categories = RunFolder.JSON.readTree(report.resolve("data/categories.json").toFile());
        assertThat(categories.at("/children/0/name").asText()).isEqualTo(ComparisonResults.REGRESSIONS);
        // category, then the failure's message, then the tests with that message
        assertThat(categories.at("/children/0/children/0/name").asText()).startsWith("regressed: -20.0 %");
        assertThat(categories.at("/children/0/children/0/children").findValuesAsText("name"))
                .containsExactly("throughput [vmSpec=small scenario=idle]");
        assertThat(categories.get("children")).hasSize(1);
    }

    @Test
    void anEarlierComparisonIsReplacedAndAFolderOfOtherFilesRefused() throws Exception {
        Path results = dir.resolve("compare");
        ComparisonResults.write(results, compared(), slowerThroughput());
        ComparisonResults.write(results, compared(), slowerThroughput());
        Path other = dir.resolve("allure-results");
        Files.createDirectories(other);
        Files.writeString(other.resolve("abc-result.json"), "{}");

        assertThat(tests(results)).hasSize(2);
        assertThat(ComparisonResults.writable(other)).isFalse();
        assertThat(ComparisonResults.writable(dir.resolve("new"))).isTrue();
        assertThatThrownBy(() -> ComparisonResults.write(other, compared(), slowerThroughput()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did not write");
        assertThat(other.resolve("abc-result.json")).hasContent("{}");
    }
}
