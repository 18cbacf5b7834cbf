package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static io.pvebench.measure.CapturedOutput.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationProbeOutputTest {

    private static final Instant START = Instant.parse("2026-11-25T13:28:43.500Z");
    private static final Map<String, String> RUN = Map.of("run", "r1");
    private final ApplicationProbeOutput parser = new ApplicationProbeOutput();

    private List<Sample> parse(String file, long periodMs) {
        return parser.parse(read("curl/" + file), Duration.ofMillis(periodMs), RUN, START);
    }

    @Test
    void aQuietRunHasEveryRequestAsALatencyAndAGapOfAboutOnePeriod() {
        List<Sample> samples = parse("ok-100ps-20.txt", 10);

        assertThat(only(samples, "app_requests").value()).isEqualTo(20);
        assertThat(only(samples, "app_requests_failed").value()).isZero();
        assertThat(only(samples, "app_requests_slow").value()).isZero();
        assertThat(only(samples, "app_gap").value()).isBetween(10.0, 13.0);
        List<Sample> latencies = all(samples, "app_latency");
        assertThat(latencies).hasSize(20).allSatisfy(s -> assertThat(s.unit()).isEqualTo("ms"));
        assertThat(latencies.get(0).labels()).containsEntry("seq", "1").containsEntry("run", "r1");
        assertThat(latencies.get(0).timestamp()).isEqualTo(START);
        assertThat(latencies.get(1).timestamp()).isEqualTo(START.plusMillis(10));
    }

    @Test
    void aServerStoppedFor300MsMakesOneSlowRequestAndAGapCoveringTheStop() {
        // capture.log: STOP at 13:28:43.708, CONT at 13:28:44.011, so the server stood still 303 ms
        List<Sample> samples = parse("stall-300ms-100ps-60.txt", 10);

        assertThat(only(samples, "app_requests").value()).isEqualTo(60);
        assertThat(only(samples, "app_requests_failed").value()).isZero();
        assertThat(only(samples, "app_requests_slow").value()).isEqualTo(1);
        Sample gap = only(samples, "app_gap");
        assertThat(gap.value()).isCloseTo(308.70, within(0.01));
        // from the end of request 24 (started 230 ms in, took 1.205 ms)
        assertThat(gap.timestamp()).isEqualTo(START.plusNanos(231_205_000));
        assertThat(all(samples, "app_latency")).filteredOn(s -> s.labels().get("seq").equals("25"))
                .singleElement().satisfies(s -> assertThat(s.value()).isCloseTo(298.605, within(1e-9)));
    }

    @Test
    void aLongerStallSpansMaxTimeAndThenConnectTimeoutFailuresUntilTheFirstGoodAnswer() {
        // 6 transfers time out after 300 ms (the accept queue still took their SYN), then the
        // full queue drops SYNs and 6 connects time out after 200 ms; --rate starts each at once
        List<Sample> samples = parse("stall-3s-10ps-14.txt", 100);

        assertThat(only(samples, "app_requests_failed").value()).isEqualTo(12);
        assertThat(all(samples, "app_latency")).extracting(s -> s.labels().get("seq")).containsExactly("1", "14");
        assertThat(all(samples, "app_latency").get(1).timestamp()).isEqualTo(START.plusNanos(3_107_024_000L));
        assertThat(only(samples, "app_gap").value()).isCloseTo(3117.06, within(0.01));
    }

    @Test
    void whenNothingAnswersTheGapIsTheWholeRun() {
        List<Sample> samples = parse("refused-100ps-3.txt", 10);

        assertThat(only(samples, "app_requests_failed").value()).isEqualTo(3);
        assertThat(all(samples, "app_latency")).isEmpty();
        assertThat(only(samples, "app_gap").value()).isCloseTo(20.12, within(1e-9));
        assertThat(only(samples, "app_gap").timestamp()).isEqualTo(START);
    }

    @Test
    void anHttpErrorIsAFailureNotALatency() {
        List<Sample> samples = parser.parse("200 0 0.000100 0.002000 \n404 0 0.000100 0.002000 \n",
                Duration.ofMillis(10), RUN, START);

        assertThat(only(samples, "app_requests_failed").value()).isEqualTo(1);
        assertThat(all(samples, "app_latency")).hasSize(1);
    }

    @Test
    void aLineThatIsNotTheWriteOutFormatIsNamed() {
        assertThatThrownBy(() -> parser.parse("200 0 0.000100 0.002000 \ncurl: (7) Failed to connect\n",
                Duration.ofMillis(10), RUN, START))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("line 2: 'curl: (7) Failed to connect'");
    }

    @Test
    void anEmptyOutputIsMalformed() {
        assertThatThrownBy(() -> parser.parse("", Duration.ofMillis(10), RUN, START))
                .isInstanceOf(MalformedOutputException.class).hasMessageContaining("no request line");
    }
}
