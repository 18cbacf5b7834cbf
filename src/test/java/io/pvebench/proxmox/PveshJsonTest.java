package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PveshJsonTest {

    /** Real {@code pvesh get /cluster/resources} of a one-node PVE 4 host (SOURCES.md): 3 lxc, 1 node, 5 storages. */
    private static final String PVE4 = "cluster-resources/pve4-one-node-lxc-storage.json";

    private static Map<String, ClusterResource> byId(List<ClusterResource> resources) {
        return resources.stream().collect(Collectors.toMap(ClusterResource::id, Function.identity()));
    }

    @Nested
    class ClusterResourcesAnswers {

        @Test
        void readsEveryEntryOfARealAnswerInItsOrder() {
            List<ClusterResource> resources = PveshJson.resources(ProxmoxOutput.read(PVE4));

            assertThat(resources).extracting(ClusterResource::id).containsExactly(
                    "lxc/100", "lxc/203", "lxc/201", "node/moximoz",
                    "storage/moximoz/tank_multimedia", "storage/moximoz/local", "storage/moximoz/dir_tank_data",
                    "storage/moximoz/local-zfs", "storage/moximoz/tank");
            assertThat(resources).filteredOn(ClusterResource::isGuest).extracting(ClusterResource::vmid)
                    .containsExactly(100, 203, 201);
        }

        @Test
        void aRunningContainerKeepsTheExactValuesOfTheFile() {
            ClusterResource ct = byId(PveshJson.resources(ProxmoxOutput.read(PVE4))).get("lxc/203");

            assertThat(ct).isEqualTo(new ClusterResource("lxc", "lxc/203", "moximoz", 203, "XY2", "running",
                    0.0, 2, 3330048L, 536870912L, false, null, null, null));
            assertThat(ct.isGuest()).isTrue();
        }

        @Test
        void tagsAndTheTemplateFlagOfAGuestAndWhetherAStorageIsSharedAreRead() {
            // field names and shapes from pve-manager 9.2.11 PVE/API2/Cluster.pm; values illustrative
            String json = """
                    [{"id":"qemu/9000","node":"pve1","status":"stopped","template":1,"type":"qemu","vmid":9000},
                     {"id":"qemu/120","node":"pve2","status":"running","tags":"pvebench;pvebench-run-demo-1",
                      "template":0,"type":"qemu","vmid":120},
                     {"id":"storage/pve1/ceph","node":"pve1","shared":1,"status":"available","storage":"ceph",
                      "type":"storage"}]""";

            List<ClusterResource> resources = PveshJson.resources(json);

            assertThat(resources.get(0).isTemplate()).isTrue();
            assertThat(resources.get(0).tagList()).isEmpty();
            assertThat(resources.get(1).isTemplate()).isFalse();
            assertThat(resources.get(1).tagList()).containsExactly("pvebench", "pvebench-run-demo-1");
            assertThat(resources.get(2).storage()).isEqualTo("ceph");
            assertThat(resources.get(2).shared()).isTrue();
        }

        @Test
        void aNodeWithoutAStatusFieldReadsAsNullStatusNotAsOnline() {
            // PVE 4 printed no "status" for nodes; only newer releases add online/offline/unknown
            ClusterResource node = byId(PveshJson.resources(ProxmoxOutput.read(PVE4))).get("node/moximoz");

            assertThat(node).isEqualTo(new ClusterResource("node", "node/moximoz", "moximoz", null, null, null,
                    0.0231350590742604, 2, 1191059456L, 8302227456L));
            assertThat(node.isGuest()).isFalse();
        }

        @Test
        void aStorageHasNoGuestOrCpuFields() {
            ClusterResource storage = byId(PveshJson.resources(ProxmoxOutput.read(PVE4))).get("storage/moximoz/tank");

            assertThat(storage).isEqualTo(new ClusterResource("storage", "storage/moximoz/tank", "moximoz", null, null,
                    null, null, null, null, null, null, null, "tank", null));
        }

        @Test
        void anOfflineNodeAndAGuestWithoutStatsHaveNullsWhereTheyReportNothing() {
            // No published real answer with an offline node was found (see SOURCES.md). The keys are exactly
            // those pve-manager PVE/API2Tools.pm (commit 14a22df) gives: extract_node_stats drops uptime/cpu/mem/disk
            // for a node that is not online but keeps level and the max* values; extract_vm_stats gives a guest
            // without RRD data only id, vmid, node, type and status 'unknown'. The values are illustrative.
            String json = """
                    [{"id":"node/pve2","level":"","maxcpu":8,"maxdisk":100861726720,"maxmem":67426443264,
                      "node":"pve2","status":"offline","type":"node"},
                     {"id":"qemu/104","node":"pve2","status":"unknown","type":"qemu","vmid":104}]""";

            List<ClusterResource> resources = PveshJson.resources(json);

            assertThat(resources).containsExactly(
                    new ClusterResource("node", "node/pve2", "pve2", null, null, "offline", null, 8, null,
                            67426443264L),
                    new ClusterResource("qemu", "qemu/104", "pve2", 104, null, "unknown", null, null, null, null));
        }

        @Test
        void pve4PveshWithItsStatusLineBeforeTheJsonIsNotJsonRatherThanTheNumber200() {
            // pvesh before 5.3 printed "200 OK" above the JSON (as in the published transcript)
            String answer = "200 OK\n" + ProxmoxOutput.read(PVE4);

            assertThatThrownBy(() -> PveshJson.resources(answer))
                    .isInstanceOf(ProxmoxException.class)
                    .hasMessageStartingWith("pvesh get /cluster/resources: not JSON: ")
                    .hasMessageContaining("OK");
        }

        @Test
        void aWarningPrintedAfterTheArrayIsNotSilentlyDropped() {
            // pvesh warns on stderr; this guards the parser should a line ever follow the JSON on stdout
            String answer = ProxmoxOutput.read(PVE4) + "storage 'tank' is not online\n";

            assertThatThrownBy(() -> PveshJson.resources(answer))
                    .isInstanceOf(ProxmoxException.class)
                    .hasMessageStartingWith("pvesh get /cluster/resources: not JSON: ");
        }

        @Test
        void theHttpApiEnvelopeInsteadOfPveshOutputIsNotAnArray() {
            assertThatThrownBy(() -> PveshJson.resources("{\"data\":[]}"))
                    .isInstanceOf(ProxmoxException.class)
                    .hasMessage("pvesh get /cluster/resources: expected a JSON array, got object");
        }

        @Test
        void anEmptyAnswerIsNotAnArray() {
            assertThatThrownBy(() -> PveshJson.resources(""))
                    .isInstanceOf(ProxmoxException.class)
                    .hasMessage("pvesh get /cluster/resources: expected a JSON array, got nothing");
        }
    }

    @Nested
    class ClusterStatusAnswers {

        // No published real /cluster/status answer was found (see SOURCES.md). These inputs follow pve-manager
        // PVE/API2/Cluster.pm 'status' (commit 14a22df) key for key; names and addresses are illustrative.

        @Test
        void aClusterEntryGivesNameAndQuorumAndNodeEntriesTheirState() {
            String json = """
                    [{"id":"cluster","name":"lab","nodes":3,"quorate":1,"type":"cluster","version":5},
                     {"id":"node/pve1","ip":"192.0.2.11","level":"","local":1,"name":"pve1","nodeid":1,"online":1,
                      "type":"node"},
                     {"id":"node/pve2","ip":"192.0.2.12","level":"","local":0,"name":"pve2","nodeid":2,"online":1,
                      "type":"node"},
                     {"id":"node/pve3","local":0,"name":"pve3","nodeid":3,"online":0,"type":"node"}]""";

            ClusterStatus status = PveshJson.status(json);

            assertThat(status.name()).isEqualTo("lab");
            assertThat(status.quorate()).isTrue();
            assertThat(status.nodes()).containsExactly(
                    new ClusterStatus.NodeState("pve1", true, "192.0.2.11"),
                    new ClusterStatus.NodeState("pve2", true, "192.0.2.12"),
                    new ClusterStatus.NodeState("pve3", false, null));
            assertThat(status.onlineCount()).isEqualTo(2);
        }

        @Test
        void aPartitionWithoutQuorumIsNotQuorate() {
            String json = """
                    [{"id":"cluster","name":"lab","nodes":3,"quorate":0,"type":"cluster","version":5},
                     {"id":"node/pve1","ip":"192.0.2.11","level":"","local":1,"name":"pve1","nodeid":1,"online":1,
                      "type":"node"}]""";

            assertThat(PveshJson.status(json).quorate()).isFalse();
        }

        @Test
        void aStandaloneNodeHasNoClusterEntryAndIsQuorateWithAnEmptyName() {
            String json = """
                    [{"id":"node/pve","ip":"192.0.2.10","level":"","local":1,"name":"pve","nodeid":0,"online":1,
                      "type":"node"}]""";

            ClusterStatus status = PveshJson.status(json);

            assertThat(status.name()).isEmpty();
            assertThat(status.quorate()).isTrue();
            assertThat(status.nodes()).containsExactly(new ClusterStatus.NodeState("pve", true, "192.0.2.10"));
        }

        @Test
        void nonJsonIsAClearError() {
            // a real pmxcfs client error (pve-cluster down), as if it had reached stdout
            assertThatThrownBy(() -> PveshJson.status("ipcc_send_rec[1] failed: Connection refused"))
                    .isInstanceOf(ProxmoxException.class)
                    .hasMessageStartingWith("pvesh get /cluster/status: not JSON: ");
        }

        @Test
        void anObjectInsteadOfAnArrayIsAClearError() {
            assertThatThrownBy(() -> PveshJson.status("{\"data\":[]}"))
                    .isInstanceOf(ProxmoxException.class)
                    .hasMessage("pvesh get /cluster/status: expected a JSON array, got object");
        }
    }
}
