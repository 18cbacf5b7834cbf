package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static io.pvebench.measure.CapturedOutput.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays iperf3 3.12 {@code -J} reports captured on Debian 12 (outputs/SOURCES.md). */
class Iperf3JsonTest {

    private static final Map<String, String> RUN = Map.of("run", "r1", "node", "pve1");

    private final Iperf3Json parser = new Iperf3Json();

    private List<Sample> parse(String file) {
        return parser.parse(read("iperf3/" + file), RUN);
    }

    @Test
    void tcpForwardGivesReceiverAndSenderThroughputAndRetransmitsAtTheTestStart() {
        List<Sample> samples = parse("tcp-t3.json");
        Instant start = Instant.ofEpochSecond(1795594606L);

        assertThat(only(samples, "throughput").value()).isEqualTo(32240445726.6556);
        assertThat(only(samples, "throughput").unit()).isEqualTo("bit/s");
        assertThat(only(samples, "throughput").timestamp()).isEqualTo(start);
        assertThat(only(samples, "throughput_sender").value()).isEqualTo(32287371942.58271);
        assertThat(only(samples, "retransmits").value()).isEqualTo(63);
        assertThat(only(samples, "retransmits").unit()).isEqualTo("count");
        assertThat(all(samples, "jitter")).isEmpty();
        assertThat(all(samples, "datagram_loss")).isEmpty();
    }

    @Test
    void everySampleCarriesTheCallersLabelsAndDirectionProtocolAndStreams() {
        List<Sample> samples = parse("tcp-t3.json");

        assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsAllEntriesOf(Map.of(
                "run", "r1", "node", "pve1", "direction", "forward", "protocol", "tcp", "streams", "1")));
    }

    @Test
    void forwardModeIsForwardAlthoughSumReceivedClaimsToBeTheSender() {
        assertThat(read("iperf3/tcp-t3.json")).contains("\"sender\":\ttrue");

        assertThat(only(parse("tcp-t3.json"), "throughput").labels()).containsEntry("direction", "forward");
    }

    @Test
    void reverseModeIsReverseAlthoughNoSenderFlagIsTrue() {
        List<Sample> samples = parse("tcp-t3-reverse.json");

        assertThat(read("iperf3/tcp-t3-reverse.json")).doesNotContain("\"sender\":\ttrue");
        assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("direction", "reverse"));
        assertThat(only(samples, "throughput").value()).isEqualTo(26284128909.42181);
        assertThat(only(samples, "throughput_sender").value()).isEqualTo(26279495999.264233);
        assertThat(only(samples, "retransmits").value()).isEqualTo(47);
        assertThat(only(samples, "throughput").timestamp()).isEqualTo(Instant.ofEpochSecond(1795594610L));
    }

    @Test
    void parallelStreamsAreSummedByIperf3AndLabelledWithTheirCount() {
        List<Sample> samples = parse("tcp-t3-P4.json");

        assertThat(only(samples, "throughput").value()).isEqualTo(28956358728.269539);
        assertThat(only(samples, "throughput_sender").value()).isEqualTo(28989265258.371613);
        assertThat(only(samples, "retransmits").value()).isEqualTo(3);
        assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("streams", "4"));
        assertThat(all(samples, "throughput_interval")).extracting(Sample::value)
                .containsExactly(30803841662.25839, 26956976801.755043, 29202466738.617554);
    }

    @Test
    void eachIntervalIsOneSampleAtTheTestStartPlusItsOwnStart() {
        List<Sample> intervals = all(parse("tcp-t4-i1.json"), "throughput_interval");
        Instant start = Instant.ofEpochSecond(1795594618L);

        assertThat(intervals).hasSize(4);
        assertThat(intervals).extracting(s -> s.labels().get("interval_start"))
                .containsExactly("0", "1.000562", "2.000027", "3.000095");
        assertThat(intervals).extracting(Sample::timestamp).containsExactly(
                start, start.plusNanos(1_000_562_000L), start.plusNanos(2_000_027_000L), start.plusNanos(3_000_095_000L));
        assertThat(intervals).extracting(Sample::value).containsExactly(
                27289583587.7971, 26092044658.510727, 26474745059.73672, 25866325555.327915);
        assertThat(intervals).allSatisfy(s -> assertThat(s.unit()).isEqualTo("bit/s"));
    }

    @Test
    void omittedWarmUpIntervalsAreSkippedAndTheOthersShiftedByTheOmitPeriod() {
        List<Sample> samples = parse("tcp-t3-O1.json");
        List<Sample> intervals = all(samples, "throughput_interval");
        Instant start = Instant.ofEpochSecond(1795594733L);

        assertThat(intervals).extracting(Sample::value)
                .containsExactly(23076459099.343018, 35646416749.03693, 34481971806.2073);
        assertThat(intervals.get(0).labels()).containsEntry("interval_start", "0.000035");
        assertThat(intervals.get(0).timestamp()).isEqualTo(start.plusNanos(1_000_035_000L));
        assertThat(only(samples, "throughput").value()).isEqualTo(31086324427.564884);
        assertThat(only(samples, "retransmits").value()).isEqualTo(80);
    }

    @Test
    void udpForwardTakesJitterAndLossFromTheReceiverSide() {
        List<Sample> samples = parse("udp-b100M-t3.json");

        assertThat(only(samples, "throughput").value()).isEqualTo(100047124.54606208);
        assertThat(only(samples, "throughput_sender").value()).isEqualTo(100048758.60225341);
        assertThat(only(samples, "jitter").value()).isEqualTo(0.00558049140323128);
        assertThat(only(samples, "jitter").unit()).isEqualTo("ms");
        assertThat(only(samples, "datagram_loss").value()).isZero();
        assertThat(only(samples, "datagram_loss").unit()).isEqualTo("%");
        assertThat(all(samples, "retransmits")).isEmpty();
        assertThat(all(samples, "throughput_interval")).hasSize(3);
        assertThat(samples).allSatisfy(s -> assertThat(s.labels())
                .containsEntry("protocol", "udp").containsEntry("direction", "forward"));
    }

    @Test
    void udpDatagramLossIsTheReceiversFractionalPercentage() {
        List<Sample> samples = parse("udp-b100M-t3-loss.json");

        assertThat(only(samples, "datagram_loss").value()).isEqualTo(6.11353711790393);
        assertThat(only(samples, "jitter").value()).isEqualTo(0.0055625788744959534);
        assertThat(only(samples, "throughput").value()).isEqualTo(93926667.7865681);
        assertThat(only(samples, "throughput_sender").value()).isEqualTo(100048658.55646282);
        assertThat(only(samples, "throughput").timestamp()).isEqualTo(Instant.ofEpochSecond(1795594864L));
    }

    @Test
    void udpReverseIsReverseWithTheClientsReceiverJitter() {
        List<Sample> samples = parse("udp-b100M-t3-reverse.json");

        assertThat(only(samples, "throughput").value()).isEqualTo(100047658.10956165);
        assertThat(only(samples, "throughput_sender").value()).isEqualTo(100045757.31557082);
        assertThat(only(samples, "jitter").value()).isEqualTo(0.00532877681046106);
        assertThat(only(samples, "datagram_loss").value()).isZero();
        assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("direction", "reverse"));
    }

    @Test
    void theErrorReportBecomesAToolErrorWithIperf3sOwnMessage() {
        assertThatThrownBy(() -> parse("error-no-server.json"))
                .isInstanceOf(ToolErrorException.class)
                .hasMessageContaining("unable to connect to server: Connection refused")
                .satisfies(e -> {
                    ToolErrorException error = (ToolErrorException) e;
                    assertThat(error.tool()).isEqualTo("iperf3");
                    assertThat(error.toolMessage()).isEqualTo("unable to connect to server: Connection refused");
                });
    }

    @Test
    void aTruncatedReportFailsNamingWhereTheTextStops() {
        String json = read("iperf3/tcp-t3.json");
        String truncated = json.substring(0, json.indexOf("\"sum_received\""));

        assertThatThrownBy(() -> parser.parse(truncated, RUN))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageStartingWith("iperf3 output: not valid JSON, stops at end.sum_sent: ");
    }

    @Test
    void aMissingRequiredFieldFailsNamingItsJsonPath() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(read("iperf3/tcp-t3.json"));
        ((ObjectNode) root.path("end").path("sum_received")).remove("bits_per_second");

        assertThatThrownBy(() -> parser.parse(mapper.writeValueAsString(root), RUN))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessage("iperf3 output: end.sum_received.bits_per_second missing");
    }

    @Test
    void anIntervalWithoutItsRateFailsNamingTheInterval() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(read("iperf3/tcp-t4-i1.json"));
        ((ObjectNode) root.path("intervals").get(2).path("sum")).remove("bits_per_second");

        assertThatThrownBy(() -> parser.parse(mapper.writeValueAsString(root), RUN))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessage("iperf3 output: intervals[2].sum.bits_per_second missing");
    }

    @Test
    void emptyOutputIsMalformed() {
        assertThatThrownBy(() -> parser.parse("", RUN)).isInstanceOf(MalformedOutputException.class);
    }
}
