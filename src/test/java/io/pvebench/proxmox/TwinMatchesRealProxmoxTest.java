package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.testsupport.TwinShell;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The twin answers Proxmox's commands with the fields and shapes real clusters answer with:
 * every field a published real output has, the twin's output has too, for both version
 * profiles, and the project's parsers read both the same way. Real side: published
 * outputs under outputs/proxmox/ (SOURCES.md) and the pvecm samples of the reference.
 */
@Tag("sim")
class TwinMatchesRealProxmoxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"9.2", "8.4"})
    void clusterResourcesHaveEveryFieldARealClusterReports(String pve) throws Exception {
        JsonNode real = JSON.readTree(ProxmoxOutput.read("cluster-resources/pve4-one-node-lxc-storage.json"));
        try (TwinShell twin = new TwinShell(pve, 3, 50)) {
            String answer = twin.run("pve1", "pvesh get /cluster/resources --output-format json").stdout();
            JsonNode fromTwin = JSON.readTree(answer);

            // qemu and lxc guests share one field set in pve-manager's Cluster.pm
            assertThat(fields(fromTwin, "qemu")).containsAll(fields(real, "lxc"));
            assertThat(fields(fromTwin, "node")).containsAll(fields(real, "node"));
            assertThat(fields(fromTwin, "storage")).containsAll(fields(real, "storage"));

            List<ClusterResource> parsed = PveshJson.resources(answer);
            assertThat(parsed).filteredOn(ClusterResource::isGuest).extracting(ClusterResource::vmid)
                    .containsExactlyInAnyOrder(101, 102);
            assertThat(parsed).filteredOn(r -> r.type().equals("node"))
                    .allSatisfy(n -> assertThat(n.cpu()).isBetween(0.0, 1.0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.2", "8.4"})
    void pveversionReadsLikeARealNodesOfTheSameRelease(String pve) {
        try (TwinShell twin = new TwinShell(pve, 3, 50)) {
            PveVersion plain = PveVersion.parse(twin.run("pve1", "pveversion").stdout());
            PveVersion verbose = PveVersion.parse(twin.run("pve1", "pveversion -v").stdout());

            assertThat(plain.release()).isEqualTo(pve);
            assertThat(verbose.manager()).isEqualTo(plain.manager());
            assertThat(verbose.kernel()).isEqualTo(plain.kernel());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.2", "8.4"})
    void clusterStatusReadsAsQuorateWithEveryNodeOnline(String pve) {
        try (TwinShell twin = new TwinShell(pve, 3, 50)) {
            ClusterStatus status = PveshJson.status(
                    twin.run("pve2", "pvesh get /cluster/status --output-format json").stdout());

            assertThat(status.name()).isEqualTo("lab");
            assertThat(status.quorate()).isTrue();
            assertThat(status.nodes()).extracting(ClusterStatus.NodeState::name).containsExactly("pve1", "pve2");
            assertThat(status.onlineCount()).isEqualTo(2);
        }
    }

    private static Set<String> fields(JsonNode resources, String type) {
        Set<String> out = new HashSet<>();
        for (JsonNode entry : resources) {
            if (entry.path("type").asText().equals(type)) {
                entry.fieldNames().forEachRemaining(out::add);
            }
        }
        assertThat(out).as("entries of type " + type).isNotEmpty();
        return out;
    }
}
