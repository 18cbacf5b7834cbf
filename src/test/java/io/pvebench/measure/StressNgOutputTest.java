package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static io.pvebench.measure.CapturedOutput.read;
import static io.pvebench.measure.CapturedOutput.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays stress-ng 0.15.06 outputs captured on Debian 12 (outputs/ and sim/ SOURCES.md). */
class StressNgOutputTest {

    private static final Map<String, String> RUN = Map.of("run", "r1", "node", "pve1");
    private static final Instant OBSERVED = Instant.parse("2026-11-25T08:30:00Z");

    private final StressNgOutput parser = new StressNgOutput();

    private static Sample of(List<Sample> samples, String metric, String stressor) {
        return only(samples.stream().filter(s -> stressor.equals(s.labels().get("stressor"))).toList(), metric);
    }

    @Test
    void theBriefTableGivesOpsAndBothRatesPerStressor() {
        List<Sample> samples = parser.parseMetricsBrief(
                read("stress-ng/cpu1-t3-metrics-brief.stderr.txt"), RUN, OBSERVED);

        assertThat(samples).extracting(Sample::metric)
                .containsExactly("bogo_ops", "bogo_ops_per_second", "bogo_ops_per_second_usr_sys");
        assertThat(only(samples, "bogo_ops").value()).isEqualTo(6485);
        assertThat(only(samples, "bogo_ops").unit()).isEqualTo("count");
        assertThat(only(samples, "bogo_ops_per_second").value()).isEqualTo(2161.53);
        assertThat(only(samples, "bogo_ops_per_second").unit()).isEqualTo("ops/s");
        assertThat(only(samples, "bogo_ops_per_second_usr_sys").value()).isEqualTo(2161.66);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.labels()).containsAllEntriesOf(RUN).containsEntry("stressor", "cpu");
            assertThat(s.timestamp()).isEqualTo(OBSERVED);
        });
    }

    @Test
    void severalStressorsInCommandLineOrderAndTheHddMiscellaneousBlockIsIgnored() {
        List<Sample> samples = parser.parseMetricsBrief(
                sim("stress-ng/mixed-t2-metrics-brief.stderr.txt"), RUN, OBSERVED);

        assertThat(all(samples, "bogo_ops")).extracting(s -> s.labels().get("stressor"))
                .containsExactly("vm", "io", "hdd", "cpu");
        assertThat(of(samples, "bogo_ops", "hdd").value()).isEqualTo(15612);
        assertThat(of(samples, "bogo_ops_per_second", "hdd").value()).isEqualTo(7770.04);
        assertThat(of(samples, "bogo_ops_per_second_usr_sys", "io").value()).isEqualTo(16048.38);
        assertThat(of(samples, "bogo_ops", "cpu").value()).isEqualTo(887);
        assertThat(samples).hasSize(12);
    }

    @Test
    void aHangingVmWorkerHoldsMemoryWithZeroBogoOps() {
        List<Sample> samples = parser.parseMetricsBrief(
                read("stress-ng/cpu1-load30-vmhang-t2.stderr.txt"), RUN, OBSERVED);

        assertThat(of(samples, "bogo_ops", "vm").value()).isZero();
        assertThat(of(samples, "bogo_ops_per_second_usr_sys", "vm").value()).isZero();
        assertThat(of(samples, "bogo_ops", "cpu").value()).isEqualTo(1377);
    }

    @Test
    void aLoadStoppedBySigtermStillReportsEveryStressor() {
        List<Sample> samples = parser.parseMetricsBrief(
                read("stress-ng/load-sigterm-after-3s.stderr.txt"), RUN, OBSERVED);

        assertThat(all(samples, "bogo_ops")).extracting(s -> s.labels().get("stressor"))
                .containsExactly("cpu", "vm", "hdd");
        assertThat(of(samples, "bogo_ops", "hdd").value()).isEqualTo(82432);
        assertThat(of(samples, "bogo_ops_per_second", "cpu").value()).isEqualTo(2025.71);
    }

    @Test
    void aDryRunHasTheHeaderButNoRowsAndYieldsNothing() {
        assertThat(parser.parseMetricsBrief(sim("stress-ng/cpu2-t90-dry-run.stderr.txt"), RUN, OBSERVED)).isEmpty();
    }

    @Test
    void aTableCutBeforeItsRowsIsMalformed() {
        String full = read("stress-ng/cpu1-t3-metrics-brief.stderr.txt");
        String cut = full.substring(0, full.indexOf("metrc: [6879] cpu"));

        assertThatThrownBy(() -> parser.parseMetricsBrief(cut, RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("stress-ng output: metrics table has no stressor rows");
    }

    @Test
    void outputWithoutTheTableIsMalformed() {
        assertThatThrownBy(() -> parser.parseMetricsBrief("stress-ng: info:  [1] dispatching hogs: 1 cpu\n",
                RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("no metrics table");
        assertThatThrownBy(() -> parser.parseMetricsBrief("", RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class);
    }

    @Test
    void stressNgsOwnFailureWithoutRowsIsAToolError() {
        String stderr = "stress-ng: error: [7] stressor 'foo' not found\n";

        assertThatThrownBy(() -> parser.parseMetricsBrief(stderr, RUN, OBSERVED))
                .isInstanceOf(ToolErrorException.class)
                .hasMessageContaining("stressor 'foo' not found");
    }

    @Test
    void usageErrorsAndAbortsWithoutPrefixAreToolErrorsInStressNgsWords() {
        assertThatThrownBy(() -> parser.parseMetricsBrief(read("stress-ng/unknown-option.stderr.txt"), RUN, OBSERVED))
                .isInstanceOf(ToolErrorException.class)
                .hasMessageContaining("stress-ng: unrecognized option '--nosuchstressor'");
        assertThatThrownBy(() -> parser.parseMetricsBrief(read("stress-ng/bad-temp-path.stderr.txt"), RUN, OBSERVED))
                .isInstanceOf(ToolErrorException.class)
                .hasMessageContaining("aborting: temp-path '/nonexistent' must be readable and writeable");
    }

    @Test
    void theYamlFileHasSixDecimalsAndIsTimestampedByItsEpochSecs() {
        String yaml = read("stress-ng/cpu1-t3.yaml");
        List<Sample> samples = parser.parseYaml(yaml, RUN, OBSERVED);

        assertThat(yaml).contains("date-yyyy-mm-dd: 2026:11:25");
        assertThat(only(samples, "bogo_ops").value()).isEqualTo(6388);
        assertThat(only(samples, "bogo_ops_per_second").value()).isEqualTo(2128.527454);
        assertThat(only(samples, "bogo_ops_per_second_usr_sys").value()).isEqualTo(2197.469539);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.timestamp()).isEqualTo(Instant.ofEpochSecond(1795594672L));
            assertThat(s.labels()).containsAllEntriesOf(RUN).containsEntry("stressor", "cpu");
        });
    }

    @Test
    void theYamlOfSeveralStressorsMatchesTheirTable() {
        List<Sample> samples = parser.parseYaml(sim("stress-ng/mixed-t2.yaml"), RUN, OBSERVED);

        assertThat(all(samples, "bogo_ops")).extracting(s -> s.labels().get("stressor"))
                .containsExactly("vm", "io", "hdd", "cpu");
        assertThat(of(samples, "bogo_ops", "vm").value()).isEqualTo(76390);
        assertThat(of(samples, "bogo_ops_per_second", "hdd").value()).isEqualTo(7770.036084);
        assertThat(of(samples, "bogo_ops_per_second_usr_sys", "cpu").value()).isEqualTo(2101.014503);
    }

    @Test
    void aYamlEntryMissingARateIsMalformedAndNamed() {
        String yaml = read("stress-ng/cpu1-t3.yaml").replaceAll("(?m)^ *bogo-ops-per-second-real-time:.*\\n", "");

        assertThatThrownBy(() -> parser.parseYaml(yaml, RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("metrics[0] (stressor cpu) has no bogo-ops-per-second-real-time");
        assertThatThrownBy(() -> parser.parseYaml("---\nsystem-info:\n  cpus: 2\n", RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("no 'metrics' list");
        assertThatThrownBy(() -> parser.parseYaml("metrics: [\n", RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("not valid YAML");
    }
}
