package io.pvebench.assess;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.Objective;
import io.pvebench.pipeline.SourcePosition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectiveCheckTest {

    private static final Instant T = Instant.parse("2026-11-25T08:00:00Z");
    private static final SourcePosition WHERE = new SourcePosition(Path.of("pipelines/demo.yaml"), 30, 5);

    private static Sample sample(Metric metric, double value) {
        return new Sample(metric.id(), value, metric.unit(), Map.of("case", "c1"), T);
    }

    private static Objective min(Metric metric, double min) {
        return new Objective(metric, min, null, "min: " + min, WHERE);
    }

    private static Objective max(Metric metric, double max) {
        return new Objective(metric, null, max, "max: " + max, WHERE);
    }

    @Test
    void theWorstSampleDecidesAMinimum() {
        ObjectiveResult result = ObjectiveCheck.check(min(Metric.THROUGHPUT, 9e9),
                List.of(sample(Metric.THROUGHPUT, 9.4e9), sample(Metric.THROUGHPUT, 8.7e9)));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.observed()).isEqualTo(8.7e9);
        assertThat(result.message()).isEqualTo("throughput 8.7 Gbit/s < min 9 Gbit/s");
    }

    @Test
    void theWorstSampleDecidesAMaximum() {
        ObjectiveResult result = ObjectiveCheck.check(max(Metric.PACKET_LOSS, 0),
                List.of(sample(Metric.PACKET_LOSS, 0), sample(Metric.PACKET_LOSS, 3.33333)));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.observed()).isEqualTo(3.33333);
    }

    @Test
    void samplesWithinBoundsPass() {
        ObjectiveResult result = ObjectiveCheck.check(max(Metric.RTT_AVG, 1.0),
                List.of(sample(Metric.RTT_AVG, 0.312), sample(Metric.RTT_AVG, 0.298)));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.message()).isEqualTo("rtt_avg 0.312 ms <= 1 ms");
    }

    @Test
    void warmUpSamplesNeitherFailNorPassAnObjective() {
        Sample warmup = sample(Metric.THROUGHPUT, 1e9).withLabels(Map.of("phase", "warmup"));

        ObjectiveResult measured = ObjectiveCheck.check(min(Metric.THROUGHPUT, 9e9),
                List.of(warmup, sample(Metric.THROUGHPUT, 9.4e9)));
        ObjectiveResult onlyWarmUp = ObjectiveCheck.check(min(Metric.THROUGHPUT, 9e9), List.of(warmup));

        assertThat(measured.verdict()).isEqualTo(Verdict.PASS);
        assertThat(measured.observed()).isEqualTo(9.4e9);
        assertThat(onlyWarmUp.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void anObjectiveNobodyMeasuredIsUnknownNotPassed() {
        ObjectiveResult result = ObjectiveCheck.check(min(Metric.THROUGHPUT, 9e9),
                List.of(sample(Metric.RTT_AVG, 0.3)));

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.observed()).isNull();
    }

    @Test
    void aBrokenCaseIsBrokenWhateverItsSamplesSay() {
        Assessment assessment = ObjectiveCheck.assess(List.of(min(Metric.THROUGHPUT, 9e9)),
                List.of(sample(Metric.THROUGHPUT, 9.4e9)), "session to pve2 lost");

        assertThat(assessment.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(assessment.reason()).isEqualTo("session to pve2 lost");
        assertThat(assessment.objectives()).extracting(ObjectiveResult::verdict).containsExactly(Verdict.PASS);
    }

    @Test
    void oneFailedObjectiveFailsTheCaseAndNamesItself() {
        Assessment assessment = ObjectiveCheck.assess(
                List.of(min(Metric.THROUGHPUT, 9e9), max(Metric.RTT_AVG, 1.0)),
                List.of(sample(Metric.THROUGHPUT, 9.4e9), sample(Metric.RTT_AVG, 2.5)), null);

        assertThat(assessment.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(assessment.reason()).isEqualTo("rtt_avg 2.5 ms > max 1 ms");
    }

    @Test
    void brokenDominatesFailWhichDominatesUnknown() {
        assertThat(Verdict.overall(List.of(Verdict.PASS, Verdict.FAIL, Verdict.BROKEN))).isEqualTo(Verdict.BROKEN);
        assertThat(Verdict.overall(List.of(Verdict.PASS, Verdict.UNKNOWN, Verdict.FAIL))).isEqualTo(Verdict.FAIL);
        assertThat(Verdict.overall(List.of(Verdict.PASS, Verdict.UNKNOWN))).isEqualTo(Verdict.UNKNOWN);
        assertThat(Verdict.overall(List.of(Verdict.PASS, Verdict.PASS))).isEqualTo(Verdict.PASS);
        assertThat(Verdict.overall(List.of())).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void exitCodesFollowTheVerdict() {
        assertThat(Verdict.PASS.exitCode()).isZero();
        assertThat(Verdict.FAIL.exitCode()).isEqualTo(1);
        assertThat(Verdict.UNKNOWN.exitCode()).isEqualTo(1);
        assertThat(Verdict.BROKEN.exitCode()).isEqualTo(3);
    }
}
