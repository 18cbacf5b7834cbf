package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static io.pvebench.measure.CapturedOutput.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays a published PVE 4 {@code pvesh get /cluster/resources} (outputs/proxmox/SOURCES.md). */
class PveshResourcesTest {

    private static final Map<String, String> RUN = Map.of("run", "r1", "case", "c1");
    private static final Instant OBSERVED = Instant.parse("2026-11-25T08:30:00Z");
    private static final String FILE = "proxmox/cluster-resources/pve4-one-node-lxc-storage.json";

    private final PveshResources parser = new PveshResources();

    private static Sample guest(List<Sample> samples, String metric, String vmid) {
        return only(samples.stream().filter(s -> vmid.equals(s.labels().get("vmid"))).toList(), metric);
    }

    @Test
    void theNodeGivesCpuInPercentOfAllItsCpusAndMemoryInBytes() {
        List<Sample> samples = parser.parse(read(FILE), RUN, OBSERVED);

        assertThat(only(samples, "node_cpu").value()).isEqualTo(0.0231350590742604 * 100);
        assertThat(only(samples, "node_cpu").unit()).isEqualTo("%");
        assertThat(only(samples, "node_memory").value()).isEqualTo(1191059456);
        assertThat(only(samples, "node_memory").unit()).isEqualTo("bytes");
        assertThat(only(samples, "node_cpu").labels()).containsAllEntriesOf(RUN).containsEntry("node", "moximoz")
                .doesNotContainKey("vmid");
        assertThat(only(samples, "node_cpu").timestamp()).isEqualTo(OBSERVED);
    }

    @Test
    void everyGuestRunningOrStoppedGivesCpuAndMemoryLabelledWithVmidAndNode() {
        List<Sample> samples = parser.parse(read(FILE), RUN, OBSERVED);

        assertThat(all(samples, "vm_memory")).extracting(s -> s.labels().get("vmid"))
                .containsExactly("100", "203", "201");
        assertThat(guest(samples, "vm_memory", "203").value()).isEqualTo(3330048);
        assertThat(guest(samples, "vm_memory", "203").unit()).isEqualTo("bytes");
        assertThat(guest(samples, "vm_cpu", "203").value()).isZero();
        assertThat(guest(samples, "vm_cpu", "203").unit()).isEqualTo("%");
        assertThat(guest(samples, "vm_memory", "100").value()).isZero();
        assertThat(all(samples, "vm_cpu")).allSatisfy(s -> assertThat(s.labels())
                .containsAllEntriesOf(RUN).containsEntry("node", "moximoz"));
        assertThat(samples).hasSize(8);
    }

    @Test
    void offlineNodesAndTheirGuestsWithoutCpuOrMemoryYieldNothingForThoseFields() {
        String json = """
                [ {"id": "node/pve1", "node": "pve1", "type": "node", "status": "online", "cpu": 0.5, "mem": 100},
                  {"id": "node/pve2", "node": "pve2", "type": "node", "status": "offline"},
                  {"id": "qemu/101", "vmid": 101, "node": "pve2", "type": "qemu", "status": "unknown"},
                  {"id": "qemu/102", "node": "pve1", "type": "qemu", "cpu": 0.25, "mem": null, "maxcpu": 4},
                  {"id": "qemu/9000", "vmid": 9000, "node": "pve1", "type": "qemu", "template": 1, "cpu": 0, "mem": 0},
                  {"id": "storage/pve1/local", "node": "pve1", "type": "storage", "disk": 1},
                  {"id": "pool/p", "type": "pool", "pool": "p"} ]
                """;

        List<Sample> samples = parser.parse(json, RUN, OBSERVED);

        assertThat(samples).extracting(Sample::metric).containsExactly("node_cpu", "node_memory", "vm_cpu");
        assertThat(only(samples, "node_cpu").value()).isEqualTo(50);
        assertThat(only(samples, "vm_cpu").value()).isEqualTo(25);
        assertThat(only(samples, "vm_cpu").labels()).containsEntry("vmid", "102").containsEntry("node", "pve1");
    }

    @Test
    void thePve4StatusLineAndAnApiDataWrapperAreTolerated() {
        String json = "[{\"id\": \"node/a\", \"node\": \"a\", \"type\": \"node\", \"cpu\": 0.1, \"mem\": 5}]";

        assertThat(parser.parse("200 OK\n" + json, RUN, OBSERVED)).hasSize(2);
        assertThat(parser.parse("{\"data\": " + json + "}", RUN, OBSERVED)).hasSize(2);
    }

    @Test
    void unreadableListingsAreMalformedAndNameTheEntry() {
        String full = read(FILE);

        assertThatThrownBy(() -> parser.parse(full.substring(0, full.length() / 2), RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("pvesh get /cluster/resources output: not valid JSON");
        assertThatThrownBy(() -> parser.parse("{\"cpu\": 1}", RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("expected a JSON array of resources");
        assertThatThrownBy(() -> parser.parse("[{\"id\": \"node/x\", \"type\": \"node\", \"cpu\": 1}]", RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("[0] (node/x).node missing");
        assertThatThrownBy(() -> parser.parse("[{\"type\": \"lxc\", \"node\": \"n\", \"mem\": \"1G\"}]", RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("[0].vmid missing");
        assertThatThrownBy(() -> parser.parse("", RUN, OBSERVED)).isInstanceOf(MalformedOutputException.class);
    }
}
