package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.read;
import static io.pvebench.measure.CapturedOutput.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays fio 3.33 JSON reports captured on Debian 12 (outputs/ and sim/ SOURCES.md). */
class FioJsonTest {

    private static final Map<String, String> RUN = Map.of("run", "r1", "node", "pve1");

    private final FioJson parser = new FioJson();

    private static Sample of(List<Sample> samples, String metric, String direction) {
        return CapturedOutput.only(
                samples.stream().filter(s -> direction.equals(s.labels().get("direction"))).toList(), metric);
    }

    @Test
    void randomReadWriteGivesBandwidthIopsAndLatencyPerDirection() {
        List<Sample> samples = parser.parse(read("fio/randrw-psync-16M-t3.json"), RUN);

        assertThat(of(samples, "io_bandwidth", "read").value()).isEqualTo(62230264);
        assertThat(of(samples, "io_bandwidth", "read").unit()).isEqualTo("bytes/s");
        assertThat(of(samples, "iops", "read").value()).isEqualTo(15192.935688);
        assertThat(of(samples, "iops", "read").unit()).isEqualTo("ops/s");
        assertThat(of(samples, "io_latency_mean", "read").value()).isEqualTo(45825.541716 / 1e6);
        assertThat(of(samples, "io_latency_mean", "read").unit()).isEqualTo("ms");
        assertThat(of(samples, "io_latency_p99", "read").value()).isEqualTo(89600 / 1e6);
        assertThat(of(samples, "io_bandwidth", "write").value()).isEqualTo(61869936);
        assertThat(of(samples, "iops", "write").value()).isEqualTo(15104.965012);
        assertThat(of(samples, "io_latency_mean", "write").value()).isEqualTo(3574.546305 / 1e6);
        assertThat(of(samples, "io_latency_p99", "write").value()).isEqualTo(12864 / 1e6);
        assertThat(samples).hasSize(8);
    }

    @Test
    void bandwidthIsBwBytesWhichIsBwInKibPerSecond() {
        String json = read("fio/randrw-psync-16M-t3.json");
        List<Sample> samples = parser.parse(json.replaceAll("\"bw_bytes\" : \\d+,", ""), RUN);

        assertThat(json).contains("\"bw\" : 60771,").contains("\"bw_bytes\" : 62230264,");
        assertThat(of(samples, "io_bandwidth", "read").value()).isEqualTo(60771 * 1024.0);
    }

    @Test
    void everySampleCarriesJobDirectionTheCallersLabelsAndTheReportTime() {
        List<Sample> samples = parser.parse(read("fio/randrw-psync-16M-t3.json"), RUN);

        assertThat(samples).allSatisfy(s -> {
            assertThat(s.labels()).containsAllEntriesOf(RUN).containsEntry("job", "t");
            assertThat(s.timestamp()).isEqualTo(Instant.ofEpochMilli(1795594676356L));
        });
        assertThat(samples).extracting(s -> s.labels().get("direction")).containsOnly("read", "write");
    }

    @Test
    void unusedDirectionsPresentWithZerosAreSkipped() {
        List<Sample> samples = parser.parse(sim("fio/randread-libaio-qd8-direct-t2.json"), RUN);

        assertThat(samples).extracting(s -> s.labels().get("direction")).containsOnly("read");
        assertThat(of(samples, "io_bandwidth", "read").value()).isEqualTo(272649083);
        assertThat(of(samples, "iops", "read").value()).isEqualTo(66564.717641);
        assertThat(of(samples, "io_latency_mean", "read").value()).isEqualTo(119699.053132 / 1e6);
        assertThat(of(samples, "io_latency_p99", "read").value()).isEqualTo(234496 / 1e6);
    }

    @Test
    void totalLatencyPercentilesArePreferredWhenFioHasThem() {
        String json = read("fio/randrw-psync-16M-t3.json").replaceFirst(
                "\"lat_ns\" : \\{", "\"lat_ns\" : { \"percentile\" : { \"99.000000\" : 100000 },");

        assertThat(of(parser.parse(json, RUN), "io_latency_p99", "read").value()).isEqualTo(0.1);
    }

    @Test
    void textBeforeTheReportIsSkipped() {
        String json = "note: both iodepth >= 1 and synchronous I/O engine are selected\n"
                + read("fio/randrw-psync-16M-t3.json");

        assertThat(all(parser.parse(json, RUN), "iops")).hasSize(2);
    }

    @Test
    void aJobErrorIsAToolError() {
        String json = read("fio/randrw-psync-16M-t3.json").replaceFirst("\"error\" : 0", "\"error\" : 5");

        assertThatThrownBy(() -> parser.parse(json, RUN))
                .isInstanceOf(ToolErrorException.class)
                .hasMessageContaining("job t ended with error 5");
    }

    @Test
    void truncatedOrIncompleteReportsAreMalformedAndNamed() {
        String full = read("fio/randrw-psync-16M-t3.json");

        assertThatThrownBy(() -> parser.parse(full.substring(0, full.length() / 2), RUN))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("fio output: not valid JSON");
        assertThatThrownBy(() -> parser.parse(full.replace("\"iops\" : 15192.935688,", ""), RUN))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("jobs[0].read.iops missing");
        assertThatThrownBy(() -> parser.parse("{\"timestamp_ms\": 1}", RUN))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("jobs missing");
        assertThatThrownBy(() -> parser.parse("", RUN)).isInstanceOf(MalformedOutputException.class);
    }
}
