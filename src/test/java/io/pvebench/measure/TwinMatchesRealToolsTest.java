package io.pvebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.guest.GuestResult;
import io.pvebench.testsupport.TwinShell;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The twin's guest tools print what the real Debian tools print: the project's parsers
 * yield the same metrics and labels from both, and the twin's lines have the real lines'
 * shapes. Real side: outputs captured from the Debian 12 packages (outputs/SOURCES.md).
 */
@Tag("sim")
class TwinMatchesRealToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LABELS = Map.of("case", "c1");
    private static TwinShell twin;
    private static String server;

    @BeforeAll
    static void startTwin() {
        twin = new TwinShell("9.2", 21, 50);
        server = twin.address(101);
    }

    @AfterAll
    static void stopTwin() {
        twin.close();
    }

    private static Set<String> metrics(List<Sample> samples) {
        return samples.stream().map(Sample::metric).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> labelKeys(List<Sample> samples, String metric) {
        return samples.stream().filter(s -> s.metric().equals(metric)).flatMap(s -> s.labels().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void pingWithTimestampsYieldsTheSameMetricsAndLineShapesAsIputils() {
        GuestResult ping = twin.guest(102, List.of("ping", "-D", "-c", "10", "-i", "0.2", server));
        String real = CapturedOutput.read("ping/c10-D.txt");
        PingOutput parser = new PingOutput();

        List<Sample> fromTwin = parser.parse(ping.stdout(), LABELS, Instant.EPOCH);
        List<Sample> fromReal = parser.parse(real, LABELS, Instant.EPOCH);

        assertThat(metrics(fromTwin)).isEqualTo(metrics(fromReal));
        assertThat(labelKeys(fromTwin, "rtt")).isEqualTo(labelKeys(fromReal, "rtt"));
        String reply = "\\[\\d+\\.\\d{6}] 64 bytes from [\\d.]+: icmp_seq=\\d+ ttl=64 time=\\d+(\\.\\d{1,3})? ms";
        assertThat(real.lines().filter(l -> l.contains("bytes from"))).allMatch(l -> l.matches(reply));
        assertThat(ping.stdout().lines().filter(l -> l.contains("bytes from"))).hasSize(10)
                .allMatch(l -> l.matches(reply));
        String summary = "rtt min/avg/max/mdev = [\\d.]+/[\\d.]+/[\\d.]+/[\\d.]+ ms";
        assertThat(real).containsPattern(summary);
        assertThat(ping.stdout()).containsPattern(summary);
    }

    @Test
    void iperf3JsonYieldsTheSameMetricsAndHasTheRealDocumentsStructure() throws Exception {
        twin.guest(101, List.of("iperf3", "-s", "-1", "-D"));
        GuestResult client = twin.guest(102, List.of("iperf3", "-c", server, "-J", "-t", "4", "-i", "1"));
        String real = CapturedOutput.read("iperf3/tcp-t4-i1.json");
        Iperf3Json parser = new Iperf3Json();

        List<Sample> fromTwin = parser.parse(client.stdout(), LABELS);
        List<Sample> fromReal = parser.parse(real, LABELS);

        assertThat(metrics(fromTwin)).isEqualTo(metrics(fromReal));
        assertThat(labelKeys(fromTwin, "throughput_interval")).isEqualTo(labelKeys(fromReal, "throughput_interval"));
        assertThat(CapturedOutput.all(fromTwin, "throughput_interval")).hasSameSizeAs(
                CapturedOutput.all(fromReal, "throughput_interval"));
        assertThat(paths(JSON.readTree(client.stdout()))).isEqualTo(paths(JSON.readTree(real)));
    }

    /** Every field path of a JSON document, array indices folded to [], so structures compare. */
    private static Set<String> paths(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String path, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path + "/" + field.getKey();
                out.add(child);
                collect(field.getValue(), child, out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, path + "[]", out);
            }
        }
    }
}
