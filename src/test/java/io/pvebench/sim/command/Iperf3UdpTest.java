package io.pvebench.sim.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.measure.Iperf3Json;
import io.pvebench.measure.Sample;
import io.pvebench.sim.model.NetworkModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * iperf3 3.12 UDP mode ({@code -u}) against the real captures in {@code src/test/resources/outputs/iperf3/udp-*}
 * and {@code src/test/resources/sim/iperf3/udp-*}: VM 100 (pve1) is the client, VM 101 (pve2, 10.10.10.102) the
 * server, so the path crosses the 10 Gbit/s link.
 */
class Iperf3UdpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GuestTwin twin = new GuestTwin(11);

    private String client(String... options) {
        assertThat(twin.run(101, "iperf3", "-s", "-D", "-1").exitCode()).isZero();
        List<String> argv = new ArrayList<>(List.of("iperf3", "-c", "10.10.10.102"));
        argv.addAll(List.of(options));
        Reply r = twin.run(100, argv.toArray(String[]::new));
        assertThat(r.exitCode()).isZero();
        return r.stdout();
    }

    private JsonNode clientJson(String... options) throws Exception {
        return JSON.readTree(client(options));
    }

    /** Every key path in document order, array indices folded to {@code []}. */
    private static List<String> paths(JsonNode node) {
        List<String> out = new ArrayList<>();
        walk(node, "", out);
        return out;
    }

    private static void walk(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                walk(f.getValue(), path + "." + f.getKey(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                walk(item, path + "[]", out);
            }
        } else {
            out.add(path);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/outputs/iperf3/udp-b100M-t3.json|-u -b 100M -t 3 -J",
        "/outputs/iperf3/udp-b100M-t3-reverse.json|-u -b 100M -t 3 -J -R",
        "/outputs/iperf3/udp-b100M-t3-loss.json|-u -b 100M -t 3 -J",
        "/sim/iperf3/udp-default-t2.json|-u -t 2 -J",
        "/sim/iperf3/udp-b1G-t2.json|-u -b 1G -t 2 -J",
        "/sim/iperf3/udp-b100M-l1400-t2.json|-u -b 100M -l 1400 -t 2 -J",
        "/sim/iperf3/udp-b100M-P2-t2.json|-u -b 100M -P 2 -t 2 -J",
        "/sim/iperf3/udp-b100M-P2-R-t2.json|-u -b 100M -P 2 -R -t 2 -J",
        "/sim/iperf3/udp-b100M-t2-server-output.json|-u -b 100M -t 2 -J --get-server-output",
        "/sim/iperf3/udp-b100M-t2-R-server-output.json|-u -b 100M -t 2 -J -R --get-server-output",
        "/sim/iperf3/udp-b100M-P2-t2-server-output.json|-u -b 100M -P 2 -t 2 -J --get-server-output",
    })
    void keyPathsInOrderEqualTheRealCaptureForTheSameOptions(String capture, String options) throws Exception {
        JsonNode real = JSON.readTree(GuestTwin.capture(capture));
        JsonNode twinDoc = clientJson(options.split(" "));
        assertThat(paths(twinDoc)).isEqualTo(paths(real));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/outputs/iperf3/udp-b100M-t3.json|-u -b 100M -t 3 -J",
        "/outputs/iperf3/udp-b100M-t3-reverse.json|-u -b 100M -t 3 -J -R",
        "/sim/iperf3/udp-b100M-P2-R-t2.json|-u -b 100M -P 2 -R -t 2 -J",
    })
    void theParserYieldsTheSameMetricsAndLabelKeysAsFromTheRealCapture(String capture, String options)
            throws Exception {
        Iperf3Json parser = new Iperf3Json();
        List<Sample> real = parser.parse(GuestTwin.capture(capture), Map.of("run", "r1"));
        List<Sample> sim = parser.parse(client(options.split(" ")), Map.of("run", "r1"));
        assertThat(sim).extracting(Sample::metric).isEqualTo(real.stream().map(Sample::metric).toList());
        assertThat(sim).extracting(s -> s.labels().keySet())
                .isEqualTo(real.stream().map(s -> s.labels().keySet()).toList());
        assertThat(sim.get(0).labels()).containsEntry("protocol", "udp")
                .containsEntry("direction", real.get(0).labels().get("direction"));
    }

    @Test
    void startCarriesUdpProtocolTheBlockSizeAndTheTargetBitrate() throws Exception {
        JsonNode start = clientJson("-u", "-b", "100M", "-t", "2", "-J").path("start");
        assertThat(start.path("test_start").path("protocol").asText()).isEqualTo("UDP");
        assertThat(start.path("test_start").path("blksize").asInt()).isEqualTo(1448);
        assertThat(start.path("target_bitrate").asLong()).isEqualTo(100_000_000L);
        assertThat(start.path("test_start").path("target_bitrate").asLong()).isEqualTo(100_000_000L);
        assertThat(start.has("tcp_mss_default")).isFalse();
    }

    @Test
    void theDefaultBitrateIsOneMebibitPerSecondAsIniperf3() throws Exception {
        JsonNode doc = clientJson("-u", "-t", "2", "-J");
        assertThat(doc.path("start").path("target_bitrate").asLong()).isEqualTo(1_048_576L);
        assertThat(doc.path("end").path("sum_sent").path("bits_per_second").asDouble())
                .isCloseTo(1_048_576, within(20_000.0));
    }

    @Test
    void pacingSendsTheTargetsRunningTotalRoundedUpAsTheRealCaptureDoes() throws Exception {
        // real: 382, 381, 382 datagrams of 32768 bytes at 100 Mbit/s (udp-b100M-t3.json)
        JsonNode doc = clientJson("-u", "-b", "100M", "-l", "32768", "-t", "3", "-J");
        List<Integer> packets = new ArrayList<>();
        doc.path("intervals").forEach(i -> packets.add(i.path("sum").path("packets").asInt()));
        assertThat(packets).containsExactly(382, 381, 382);
        assertThat(doc.path("end").path("sum_sent").path("packets").asInt()).isEqualTo(1145);
    }

    @Test
    void oneHundredMegabitsOnATenGigabitLinkLosesNothing() throws Exception {
        JsonNode end = clientJson("-u", "-b", "100M", "-t", "3", "-J").path("end");
        assertThat(end.path("sum_received").path("lost_packets").asLong()).isZero();
        assertThat(end.path("sum_received").path("lost_percent").asDouble()).isZero();
        assertThat(end.path("sum_received").path("bits_per_second").asDouble()).isCloseTo(100e6, within(0.5e6));
        assertThat(end.path("sum_received").path("jitter_ms").asDouble()).isBetween(0.001, 0.2);
    }

    @Test
    void offeringMoreThanTheLinkCarriesLosesTheExcess() throws Exception {
        JsonNode end = clientJson("-u", "-b", "12G", "-t", "3", "-J").path("end");
        double carried = new NetworkModel().udpLinkGoodput(1448);
        double excess = 100 * (1 - carried / 12e9);
        assertThat(end.path("sum_sent").path("bits_per_second").asDouble()).isCloseTo(12e9, within(0.1e9));
        assertThat(end.path("sum_received").path("lost_percent").asDouble()).isCloseTo(excess, within(1.0));
        assertThat(end.path("sum_received").path("bits_per_second").asDouble()).isCloseTo(carried, within(0.15e9));
    }

    @Test
    void jitterGrowsAsTheFlowFillsTheLink() throws Exception {
        double light = clientJson("-u", "-b", "100M", "-t", "3", "-J").path("end").path("sum_received")
                .path("jitter_ms").asDouble();
        GuestTwin other = new GuestTwin(11);
        other.run(101, "iperf3", "-s", "-D", "-1");
        double heavy = JSON.readTree(other.run(100, "iperf3", "-c", "10.10.10.102", "-u", "-b", "9G", "-t", "3", "-J")
                .stdout()).path("end").path("sum_received").path("jitter_ms").asDouble();
        assertThat(heavy).isGreaterThan(3 * light);
    }

    @Test
    void halfSecondIntervalsSplitTheDatagrams() throws Exception {
        JsonNode doc = clientJson("-u", "-b", "100M", "-t", "2", "-i", "0.5", "-J");
        assertThat(doc.path("intervals")).hasSize(4);
        long sum = 0;
        for (JsonNode interval : doc.path("intervals")) {
            sum += interval.path("sum").path("packets").asLong();
        }
        assertThat(sum).isEqualTo(doc.path("end").path("sum_sent").path("packets").asLong());
    }

    @Test
    void aLinkLossFaultShowsAsLostPercent() throws Exception {
        twin.model.setLinkLoss("pve2", 0.05);
        JsonNode end = clientJson("-u", "-b", "100M", "-t", "3", "-J").path("end");
        JsonNode received = end.path("sum_received");
        assertThat(received.path("lost_percent").asDouble()).isCloseTo(5, within(1.5));
        assertThat(received.path("lost_packets").asLong()).isPositive();
        assertThat(received.path("bytes").asLong()).isLessThan(end.path("sum_sent").path("bytes").asLong());
        // as in udp-b100M-t3-loss.json: the sender's own sum knows of no loss
        assertThat(end.path("sum_sent").path("lost_packets").asLong()).isZero();
        assertThat(end.path("streams").get(0).path("udp").path("lost_percent").asDouble())
                .isEqualTo(received.path("lost_percent").asDouble());
    }

    @Test
    void withoutReverseOnlyTheEndCarriesJitterAndLoss() throws Exception {
        JsonNode doc = clientJson("-u", "-b", "100M", "-t", "3", "-J");
        for (JsonNode interval : doc.path("intervals")) {
            assertThat(interval.path("sum").has("jitter_ms")).isFalse();
            assertThat(interval.path("sum").path("sender").asBoolean()).isTrue();
        }
        JsonNode end = doc.path("end");
        assertThat(end.path("sum_sent").path("jitter_ms").asDouble()).isZero();
        assertThat(end.path("sum_received").path("jitter_ms").asDouble()).isPositive();
        assertThat(end.path("sum").path("jitter_ms").asDouble())
                .isEqualTo(end.path("sum_received").path("jitter_ms").asDouble());
        // end.sum: the sender's bytes and rate with the receiver's end time
        assertThat(end.path("sum").path("bits_per_second").asDouble())
                .isEqualTo(end.path("sum_sent").path("bits_per_second").asDouble());
        assertThat(end.path("sum").path("end").asDouble()).isEqualTo(end.path("sum_received").path("end").asDouble());
        assertThat(end.path("sum_received").path("sender").asBoolean()).isFalse();
    }

    @Test
    void reverseModePutsJitterAndLossInEveryIntervalAndTheLastIntervalsJitterInTheSummary() throws Exception {
        JsonNode doc = clientJson("-u", "-b", "100M", "-t", "3", "-J", "-R");
        JsonNode last = null;
        for (JsonNode interval : doc.path("intervals")) {
            assertThat(interval.path("streams").get(0).path("jitter_ms").asDouble()).isPositive();
            assertThat(interval.path("sum").has("lost_percent")).isTrue();
            assertThat(interval.path("sum").path("sender").asBoolean()).isFalse();
            last = interval;
        }
        JsonNode end = doc.path("end");
        assertThat(end.path("sum_received").path("jitter_ms").asDouble())
                .isEqualTo(last.path("sum").path("jitter_ms").asDouble());
        assertThat(end.path("streams").get(0).path("udp").path("sender").asBoolean()).isFalse();
        assertThat(end.path("sum_sent").path("sender").asBoolean()).isTrue();
        assertThat(end.path("sum").path("sender").asBoolean()).isFalse();
    }

    @Test
    void lostPercentDividesBySendersCountWhileReceivedPacketsMayBeFewer() throws Exception {
        twin.model.setLinkLoss("pve2", 0.5);
        JsonNode end = clientJson("-u", "-b", "10M", "-l", "1400", "-t", "2", "-J").path("end");
        JsonNode rcv = end.path("sum_received");
        double expected = 100.0 * rcv.path("lost_packets").asLong() / end.path("sum_sent").path("packets").asLong();
        assertThat(rcv.path("lost_percent").asDouble()).isCloseTo(expected, within(1e-9));
        assertThat(rcv.path("packets").asLong()).isLessThanOrEqualTo(end.path("sum_sent").path("packets").asLong());
    }

    @Test
    void serverOutputShowsTheReceiversJitterAndLossPerInterval() throws Exception {
        // the capture's loopback MSS made 32768-byte datagrams; the same size gives the same packet counts
        String text = clientJson("-u", "-b", "100M", "-l", "32768", "-t", "2", "-J", "--get-server-output")
                .path("server_output_text").asText();
        String real = JSON.readTree(GuestTwin.capture("/sim/iperf3/udp-b100M-t2-server-output.json"))
                .path("server_output_text").asText();
        List<String> a = GuestTwin.lines(text);
        List<String> c = GuestTwin.lines(real);
        assertThat(a).hasSameSizeAs(c);
        for (int i = 0; i < c.size(); i++) {
            assertThat(a.get(i)).as("line %d", i + 1).matches(GuestTwin.shape(c.get(i).replace("127.0.0.1 port 25301",
                    "10.10.10.102 port 5201").replace("127.0.0.1", "10.10.10.101")));
        }
    }

    @Test
    void reverseServerOutputShowsTheSendersDatagramCounts() throws Exception {
        String text = clientJson("-u", "-b", "100M", "-l", "32768", "-t", "2", "-J", "-R", "--get-server-output")
                .path("server_output_text").asText();
        // the real one starts with the banner of a server that ran a --get-server-output test before
        String capture = GuestTwin.capture("/sim/iperf3/udp-b100M-t2-R-server-output.json");
        List<String> c = GuestTwin.lines(JSON.readTree(capture).path("server_output_text").asText());
        List<String> real = c.subList(3, c.size());
        List<String> a = GuestTwin.lines(text);
        assertThat(a).hasSameSizeAs(real);
        for (int i = 0; i < real.size(); i++) {
            assertThat(a.get(i)).as("line %d", i + 1).matches(GuestTwin.shape(real.get(i)
                    .replace("127.0.0.1 port 25301", "10.10.10.102 port 5201").replace("127.0.0.1", "10.10.10.101")));
        }
    }

    @Test
    void aBlockLargerThanTheMssWarnsOnStderrAsTheRealClientDoes() throws Exception {
        twin.run(101, "iperf3", "-s", "-D", "-1");
        Reply r = twin.run(100, "iperf3", "-c", "10.10.10.102", "-u", "-b", "10M", "-l", "40000", "-t", "1", "-J");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEqualTo(GuestTwin.capture("/sim/iperf3/udp-b10M-l40000-t1.stderr.txt")
                .replace("MSS 32768", "MSS 1448"));
        assertThat(paths(JSON.readTree(r.stdout())))
                .isEqualTo(paths(JSON.readTree(GuestTwin.capture("/sim/iperf3/udp-b10M-l40000-t1.json"))));
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        String first = client("-u", "-b", "2G", "-P", "2", "-t", "2", "-J", "--get-server-output");
        twin.model.setLinkLoss("pve1", 0);
        GuestTwin other = new GuestTwin(11);
        other.run(101, "iperf3", "-s", "-D", "-1");
        String second = other.run(100, "iperf3", "-c", "10.10.10.102", "-u", "-b", "2G", "-P", "2", "-t", "2", "-J",
                "--get-server-output").stdout();
        assertThat(second).isEqualTo(first);
    }
}
