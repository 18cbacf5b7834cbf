package io.pvebench.report.timeline;

import static io.pvebench.report.timeline.TimelineCsvTest.at;
import static io.pvebench.report.timeline.TimelineCsvTest.kase;
import static io.pvebench.report.timeline.TimelineCsvTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.run.Phase;
import io.pvebench.testsupport.LoadedCase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseTimelineTest {

    @Test
    void aMetricSampledOnceForASetOfLabelsIsNoSeries() {
        CaseTimeline timeline = CaseTimeline.of(kase(List.of(), List.of(
                sample("throughput", 9e9, "bit/s", 1, "direction", "forward"),
                sample("throughput", 8e9, "bit/s", 2, "direction", "reverse"))));

        assertThat(timeline.isEmpty()).isTrue();
    }

    @Test
    void pointLabelsAndTheWarmupMarkDoNotSplitASeries() {
        CaseTimeline timeline = CaseTimeline.of(LoadedCase.result());

        List<TimeSeries> throughput = timeline.series("throughput_interval");
        assertThat(throughput).extracting(s -> s.labels().get("direction")).containsExactly("forward", "reverse");
        assertThat(throughput.get(0).points()).hasSize(15);
        assertThat(throughput.get(0).labels()).doesNotContainKeys("interval_start", "phase");
        assertThat(timeline.series("rtt")).singleElement().satisfies(s -> assertThat(s.points()).hasSize(25));
        assertThat(timeline.series("throughput")).isEmpty();
        assertThat(timeline.series("rtt_avg")).isEmpty();
    }

    @Test
    void theAxisStartsAtAPhaseThatBeginsBeforeTheFirstSample() {
        CaseTimeline timeline = CaseTimeline.of(kase(List.of(new Phase("warmup", at(0), at(3))), List.of(
                sample("rtt", 0.3, "ms", 1.5, "seq", "1"), sample("rtt", 0.3, "ms", 2, "seq", "2"))));

        assertThat(timeline.origin()).isEqualTo(at(0));
        assertThat(timeline.secondsAt(at(1.5)).toPlainString()).isEqualTo("1.5");
    }

    @Test
    void aMomentInsideABurstLiesInBothTheBurstAndItsMeasurementPhase() {
        CaseTimeline timeline = CaseTimeline.of(LoadedCase.result());

        assertThat(timeline.phasesAt(LoadedCase.at(8.5))).containsExactly("iperf3 forward", "burst 1");
        assertThat(timeline.phasesAt(LoadedCase.at(15))).containsExactly("iperf3 reverse");
        assertThat(timeline.phasesAt(LoadedCase.at(31))).isEmpty();
        assertThat(timeline.series()).extracting(TimeSeries::metric).containsExactly("node_cpu", "node_cpu",
                "node_memory", "node_memory", "rtt", "throughput_interval", "throughput_interval", "vm_cpu",
                "vm_cpu", "vm_memory", "vm_memory");
        assertThat(timeline.series().get(0).labels()).containsEntry("node", "pve1")
                .isEqualTo(Map.of("case", LoadedCase.ID, "node", "pve1", "repetition", "1", "run", "loaded-1",
                        "scenario", "burst", "vmSpec", "small"));
    }
}
