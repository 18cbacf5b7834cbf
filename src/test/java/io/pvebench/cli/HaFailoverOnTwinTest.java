package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.pvebench.cli.RunOutcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped failover pipeline on a twin with a QDevice: pve2 loses the cluster network, and the
 * phases pvebench reports follow pve-ha-manager's own timings (60 s fence delay after the node was
 * last seen, 120 s agent lock after it was last renewed, 10 s rounds); the prediction holds.
 */
@Tag("sim")
class HaFailoverOnTwinTest {

    @TempDir
    static Path dir;

    private static CaseResult only;

    @BeforeAll
    static void runThePipeline() {
        PipelineRunner.Outcome outcome = PipelineRunner.run(PipelineLoader.load(Path.of("pipelines/ha-failover.yaml")),
                PipelineRunner.Options.of(dir, 2026, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                        List.of()));
        assertThat(outcome.result().cases()).hasSize(1);
        assertThat(outcome.leftChanged()).isEmpty();
        only = outcome.result().cases().get(0);
    }

    @Test
    void theHaVmRecoversOnTheOtherNodeAsPredicted() {
        assertThat(only.assessment().verdict()).as(only.steps().toString()).isEqualTo(Verdict.PASS);
        assertThat(value(only, "failover_not_recovered")).isZero();
        assertThat(value(only, "failover_prediction_missed")).isZero();
        assertThat(only.steps().toString()).contains("predicted: pve2 fails ⇒ vm:102 restarts on pve1 in ~2–3 min")
                .contains("as predicted: restarted on pve1");
        assertThat(only.samples()).filteredOn(s -> s.metric().equals("failover_started"))
                .singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("target", "pve1"));
    }

    @Test
    void everyPhaseIsReportedInOrderWithTheHaStacksTimings() {
        double detected = value(only, "failover_detected");
        double fence = value(only, "failover_fence");
        double acknowledged = value(only, "failover_fence_acknowledged");
        double recovery = value(only, "failover_recovery");
        double started = value(only, "failover_started");
        double running = value(only, "failover_running");
        double reachable = value(only, "failover_reachable");
        double pingable = value(only, "failover_pingable");

        // detected within a CRM round or two (corosync's token timeout first)
        assertThat(detected).isBetween(0.0, 20_000.0);
        // 60 s after the CRM last saw pve2 online, a round at most before the failure
        assertThat(fence).isBetween(49_000.0, 75_000.0);
        // pve2's agent lock lives 120 s from its last renewal, at most a round before the failure
        assertThat(acknowledged).isBetween(109_000.0, 140_000.0);
        // the CRM repeats its round after a change: recovery and the new node in the same round
        assertThat(recovery).isEqualTo(acknowledged);
        assertThat(started).isBetween(recovery, recovery + 10_000);
        assertThat(running).isGreaterThanOrEqualTo(started - 1_000);
        assertThat(reachable).isGreaterThanOrEqualTo(running).isLessThanOrEqualTo(180_000.0);
        assertThat(pingable).isGreaterThanOrEqualTo(running);
        assertThat(value(only, "failover_heal")).isGreaterThan(0);
        assertThat(only.phases()).extracting(io.pvebench.run.Phase::name).contains("failover", "healing");
    }
}
