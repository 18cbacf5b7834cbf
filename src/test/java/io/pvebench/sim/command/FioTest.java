package io.pvebench.sim.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** fio 3.33 JSON against the real captures, and its numbers against the storage model. */
class FioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GuestTwin twin = new GuestTwin(3);

    private static List<String> keyPaths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                paths.add(prefix + "/" + name);
                collect(node.get(name), prefix + "/" + name, paths);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            collect(node.get(0), prefix + "[]", paths);
        }
    }

    private Reply psyncRandrw() {
        return twin.run(100, "fio", "--name=t", "--rw=randrw", "--size=16M", "--runtime=3", "--time_based",
                "--ioengine=psync", "--output-format=json", "--filename=/tmp/fio.dat");
    }

    @Test
    void documentHasTheCapturedKeysInTheCapturedOrder() throws Exception {
        String captured = GuestTwin.capture("/outputs/fio/randrw-psync-16M-t3.json");
        Reply r = psyncRandrw();
        assertThat(r.exitCode()).isZero();
        assertThat(keyPaths(JSON.readTree(r.stdout()))).isEqualTo(keyPaths(JSON.readTree(captured)));
        // the same line shapes: "key" : value, two-space indentation, %f floats
        List<String> mine = GuestTwin.lines(r.stdout());
        List<String> real = GuestTwin.lines(captured);
        assertThat(mine).hasSameSizeAs(real);
        for (int i = 0; i < real.size(); i++) {
            if (real.get(i).contains("\"time\"") || real.get(i).contains("\"filename\"") || real.get(i).contains("\"vda\"")) {
                continue;
            }
            assertThat(mine.get(i)).as("line %d", i + 1).matches(GuestTwin.shape(real.get(i)));
        }
    }

    @Test
    void asyncEngineHasSubmissionLatencyLikeTheCapture() throws Exception {
        String captured = GuestTwin.capture("/sim/fio/randread-libaio-qd8-direct-t2.json");
        Reply r = twin.run(100, "fio", "--name=t", "--rw=randread", "--bs=4k", "--size=16M", "--runtime=2",
                "--time_based", "--ioengine=libaio", "--iodepth=8", "--direct=1", "--output-format=json",
                "--filename=/tmp/fio.dat");
        JsonNode mine = JSON.readTree(r.stdout());
        assertThat(keyPaths(mine)).isEqualTo(keyPaths(JSON.readTree(captured)));
        assertThat(mine.at("/jobs/0/read/slat_ns/N").asLong()).isPositive();
        assertThat(mine.at("/jobs/0/write/io_bytes").asLong()).isZero();
        assertThat(mine.at("/jobs/0/iodepth_level/8").asDouble()).isGreaterThan(99);
    }

    @Test
    void bandwidthIsKibPerSecondAndPercentilesSitOnFioBuckets() throws Exception {
        JsonNode read = JSON.readTree(psyncRandrw().stdout()).at("/jobs/0/read");
        assertThat(read.get("bw").asLong()).isEqualTo(read.get("bw_bytes").asLong() / 1024);
        assertThat(read.get("io_kbytes").asLong()).isEqualTo(read.get("io_bytes").asLong() / 1024);
        long p99 = read.at("/clat_ns/percentile").get("99.000000").asLong();
        assertThat(Fio.bucket(p99)).isEqualTo(p99);
        assertThat(Fio.bucket(34_600)).isEqualTo(34_560);
        assertThat(Fio.bucket(1_980)).isEqualTo(1_976);
    }

    @Test
    void sharedStorageIsSlowerThanLocalAndOtherGuestsIoSlowsItDown() throws Exception {
        double local = iops(twin);
        GuestTwin shared = new GuestTwin(3);
        shared.model.configureHardware(shared.model.network().config(),
                io.pvebench.sim.model.StorageModel.SHARED);
        assertThat(iops(shared)).isLessThan(local / 2);
        twin.run(102, "stress-ng", "--hdd", "8", "--timeout", "10m");
        assertThat(iops(twin)).isLessThan(local * 0.8);
    }

    private static double iops(GuestTwin t) throws Exception {
        Reply r = t.run(100, "fio", "--name=t", "--rw=randread", "--bs=4k", "--size=1G", "--runtime=10",
                "--time_based", "--ioengine=libaio", "--iodepth=16", "--direct=1", "--output-format=json");
        return JSON.readTree(r.stdout()).at("/jobs/0/read/iops").asDouble();
    }
}
