package io.pvebench.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.assess.Assessment;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.run.CaseResult;
import io.pvebench.run.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineCsvTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void oneRowPerSampleOfEachSeriesWithItsSecondsPhasesAndOneColumnPerLabel() {
        CaseResult c = kase(List.of(
                new Phase("warmup", at(0), at(2)), new Phase("iperf3 forward", at(2), at(6)),
                new Phase("burst 1", at(3), at(4)), new Phase("latency", at(6), at(8))), List.of(
                sample("throughput_interval", 9.1e9, "bit/s", 1, "direction", "forward", "interval_start", "0",
                        "phase", "warmup"),
                sample("throughput_interval", 9.41e9, "bit/s", 2, "direction", "forward", "interval_start", "0"),
                sample("throughput_interval", 4.2e9, "bit/s", 3.5, "direction", "forward", "interval_start", "1"),
                sample("throughput", 8.2e9, "bit/s", 2, "direction", "forward"),
                sample("rtt", 0.5, "ms", 6.5, "seq", "2"),
                sample("rtt", 0.25, "ms", 6.25, "seq", "1"),
                sample("rtt_avg", 0.375, "ms", 6.25)));

        assertThat(TimelineCsv.render(CaseTimeline.of(c))).isEqualTo("""
                time,seconds,metric,unit,value,phases,case,direction,interval_start,phase,seq
                2026-11-25T10:00:06.250Z,6.25,rtt,ms,0.25,latency,c1,,,,1
                2026-11-25T10:00:06.500Z,6.5,rtt,ms,0.5,latency,c1,,,,2
                2026-11-25T10:00:01Z,1,throughput_interval,bit/s,9100000000,warmup,c1,forward,0,warmup,
                2026-11-25T10:00:02Z,2,throughput_interval,bit/s,9410000000,iperf3 forward,c1,forward,0,,
                2026-11-25T10:00:03.500Z,3.5,throughput_interval,bit/s,4200000000,iperf3 forward;burst 1,c1,forward,1,,
                """);
    }

    @Test
    void secondsCountFromTheFirstSampleWhenNoPhaseStartsBeforeIt() {
        CaseResult c = kase(List.of(), List.of(
                sample("rtt", 0.3, "ms", 10.2, "seq", "1"),
                sample("rtt", 0.4, "ms", 10.4, "seq", "2")));

        assertThat(TimelineCsv.render(CaseTimeline.of(c)).lines().skip(1).map(l -> l.split(",")[1]))
                .containsExactly("0", "0.2");
    }

    @Test
    void aFieldWithACommaOrQuoteIsQuotedAsRfc4180Says() {
        CaseResult c = kase(List.of(new Phase("burst \"a\", heavy", at(0), at(9))), List.of(
                sample("node_cpu", 5, "%", 1, "node", "pve1"),
                sample("node_cpu", 6, "%", 2, "node", "pve1")));

        assertThat(TimelineCsv.render(CaseTimeline.of(c)).lines().skip(1).toList())
                .containsExactly("2026-11-25T10:00:01Z,1,node_cpu,%,5,\"burst \"\"a\"\", heavy\",c1,pve1",
                        "2026-11-25T10:00:02Z,2,node_cpu,%,6,\"burst \"\"a\"\", heavy\",c1,pve1");
    }

    @Test
    void aCaseWithoutTimeSeriesHasOnlyTheHeader() {
        CaseResult c = kase(List.of(), List.of(sample("throughput", 9e9, "bit/s", 1, "direction", "forward")));

        assertThat(TimelineCsv.render(CaseTimeline.of(c))).isEqualTo("time,seconds,metric,unit,value,phases\n");
    }

    static CaseResult kase(List<Phase> phases, List<Sample> samples) {
        CasePlan plan = new CasePlan("c1", new VmSpec("small", 4, 4L << 30, List.of(101, 102)), "idle", 1);
        return new CaseResult(plan, new Assessment(Verdict.PASS, "", List.of()), List.of(), samples, phases,
                Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:01:00Z"));
    }

    static Sample sample(String metric, double value, String unit, double seconds, String... labels) {
        Map<String, String> map = new java.util.TreeMap<>(Map.of("case", "c1"));
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new Sample(metric, value, unit, map, at(seconds));
    }

    static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }
}
