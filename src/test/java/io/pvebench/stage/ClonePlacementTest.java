package io.pvebench.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where cloned VMs go when a spec does not say, and how they are tagged with their run. */
class ClonePlacementTest {

    @Test
    void theServerStaysOnTheTemplatesNodeAndTheClientGoesToTheNextNodeWrappingAround() {
        List<String> nodes = List.of("pve1", "pve2", "pve3");

        assertThat(ProvisionStage.defaultNodes("pve1", nodes)).containsExactly("pve1", "pve2");
        assertThat(ProvisionStage.defaultNodes("pve3", nodes)).containsExactly("pve3", "pve1");
        assertThat(ProvisionStage.defaultNodes("pve1", List.of("pve1"))).containsExactly("pve1", "pve1");
    }

    @Test
    void theRunTagIsAProxmoxTagMadeFromTheRunId() {
        assertThat(RunTags.forRun("demo-20261125-101500-00ff-2"))
                .containsExactly("pvebench", "pvebench-run-demo-20261125-101500-00ff-2");
        assertThat(RunTags.of("Odd Run/1")).isEqualTo("pvebench-run-odd-run-1");
        assertThat(RunTags.runTagIn(List.of("web", "pvebench", "pvebench-run-a-1"))).isEqualTo("pvebench-run-a-1");
        assertThat(RunTags.marked(List.of("web"))).isFalse();
    }
}
