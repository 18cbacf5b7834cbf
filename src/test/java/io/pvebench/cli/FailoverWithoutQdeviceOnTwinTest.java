package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.pvebench.cli.RunOutcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The study's two-node cluster without a QDevice, on the twin: the readiness check predicts that a
 * node's failure recovers nothing, the failover shows it with the HA stack's own words (both nodes
 * lose quorum and reset themselves; nothing moves), and the cluster is healed afterwards.
 */
@Tag("sim")
class FailoverWithoutQdeviceOnTwinTest {

    @TempDir
    static Path dir;

    private static PipelineRunner.Outcome outcome;

    @BeforeAll
    static void runThePipeline() {
        outcome = PipelineRunner.run(PipelineLoader.load(Path.of("pipelines/ha-failover-no-qdevice.yaml")),
                PipelineRunner.Options.of(dir, 2026, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                        List.of()));
    }

    private static CaseResult only() {
        assertThat(outcome.result().cases()).hasSize(1);
        return outcome.result().cases().get(0);
    }

    @Test
    void nothingIsRecoveredAsPredictedAndTheVerdictSaysSo() {
        CaseResult c = only();
        String steps = c.steps().toString();

        assertThat(c.assessment().verdict()).as(steps).isEqualTo(Verdict.FAIL);
        assertThat(value(c, "failover_not_recovered")).isEqualTo(1);
        assertThat(value(c, "failover_prediction_missed")).isZero();
        assertThat(steps).contains("predicted: pve1 fails ⇒ vm:101: no recovery: 2 nodes without QDevice")
                // the diagnosis in the HA stack's own words, from the survivor while it was cut off
                .containsPattern("ha-manager status on pve2 at \\+\\d+ s: quorum No quorum on node 'pve2'!")
                // both nodes reset themselves: vm 101 came back only where it was, vm 102 went down too
                .contains("back in place on pve1 once it came back: no failover")
                .contains("as predicted: not failed over")
                .contains("vm 102 on pve2 restarted too");
        assertThat(c.samples()).noneMatch(s -> s.metric().equals("failover_started"));
    }

    @Test
    void theNodeIsHealedAndTheClusterLeftAsFound() throws IOException {
        CaseResult c = only();

        assertThat(value(c, "failover_heal")).isGreaterThan(0);
        assertThat(c.phases()).extracting(io.pvebench.run.Phase::name).contains("failover", "healing");
        assertThat(outcome.leftChanged()).isEmpty();
        String commands = Files.readString(RunOutcomes.runFolder(dir).resolve("raw/commands.jsonl"));
        assertThat(commands).contains("iptables -w -I INPUT -p udp --dport 5405:5412 -j DROP")
                .contains("iptables -w -D INPUT -p udp --dport 5405:5412 -j DROP")
                .contains("ha-manager add vm:101").contains("ha-manager remove vm:101");
    }
}
