package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link HaResourceConfig}, {@link HaRuleConfig} and {@link HaGroupConfig} on pvesh answers
 * whose shape comes from pve-ha-manager's API code (no real capture was found; SOURCES.md).
 */
class HaConfigJsonTest {

    @Test
    void resourcesTakeProxmoxDefaultsAndEnabledIsStarted() {
        List<HaResourceConfig> r = HaResourceConfig.parseAll(ProxmoxOutput.read("ha-config/resources-shape-from-source.json"));

        assertThat(r).containsExactly(
                new HaResourceConfig("vm:100", "vm", "started", Optional.empty(), 3, 2, true),
                new HaResourceConfig("vm:101", "vm", "started", Optional.of("g1"), 1, 1, false),
                new HaResourceConfig("ct:102", "ct", "ignored", Optional.empty(), 1, 1, true));
    }

    @Test
    void rulesDecodeNodePrioritiesStrictnessAndWhetherTheCrmAppliesThem() {
        List<HaRuleConfig> r = HaRuleConfig.parseAll(ProxmoxOutput.read("ha-config/rules-shape-from-source.json"));

        assertThat(r).hasSize(4);
        HaRuleConfig node = r.get(0);
        assertThat(node.type()).isEqualTo("node-affinity");
        assertThat(node.nodes()).containsExactly(Map.entry("pve1", 2), Map.entry("pve2", 1), Map.entry("pve3", 0));
        assertThat(node.strict()).isTrue();
        assertThat(node.resources()).containsExactly("vm:100", "vm:101");
        assertThat(r.get(1).affinity()).contains("negative");
        assertThat(r.get(1).strict()).isFalse();
        assertThat(r.get(1).inUse()).isTrue();
        assertThat(r.get(2).disabled()).isTrue();
        assertThat(r.get(2).inUse()).isFalse();
        assertThat(r.get(3).errors()).hasValueSatisfying(e -> assertThat(e).contains("keep-apart"));
        assertThat(r.get(3).inUse()).isFalse();
    }

    @Test
    void groupsDecodeNodesRestrictedAndNofailback() {
        List<HaGroupConfig> g = HaGroupConfig.parseAll(ProxmoxOutput.read("ha-config/groups-shape-from-source.json"));

        assertThat(g).containsExactly(
                new HaGroupConfig("g1", Map.of("pve1", 2, "pve2", 0), true, true),
                new HaGroupConfig("prefer-pve3", Map.of("pve3", 0), false, false));
    }

    @Test
    void theMigratedGroupsErrorIsNotJsonAndSaysWhatWasAsked() {
        assertThatThrownBy(() -> HaGroupConfig.parseAll("cannot index groups: ha groups have been migrated to rules\n"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("pvesh get /cluster/ha/groups: not JSON");
    }

    @Test
    void anEntryWithoutItsIdIsRefusedAndShown() {
        assertThatThrownBy(() -> HaRuleConfig.parseAll("[{\"type\":\"node-affinity\"}]"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("entry without 'rule' or 'type'")
                .hasMessageContaining("node-affinity");
        assertThatThrownBy(() -> HaResourceConfig.parseAll("[\"vm:100\"]"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("entry 0 is not a JSON object");
        assertThatThrownBy(() -> HaGroupConfig.parseAll("{\"group\":\"g1\"}"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("expected a JSON array, got object");
    }
}
