package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.run.CaseResult;
import io.pvebench.sim.model.HaState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.pvebench.cli.RunOutcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strict node-affinity rule that allows vm:102 only on pve2: when pve2 fails, the readiness check
 * predicts no recovery and names the rule, the HA stack finds no recovery node, and the case fails
 * as predicted — on a cluster with a QDevice, where quorum is not the reason.
 */
@Tag("sim")
class StrictAffinityFailoverOnTwinTest {

    private static final String PASSWORD = "strict-affinity-pw";

    @TempDir
    Path dir;

    @Test
    void aStrictAffinityCaseFailsAsPredicted() throws Exception {
        try (TwinCluster cluster = TwinCluster.forFailover(dir, PASSWORD, 13, 60)) {
            cluster.twin.model().ha(ha -> ha.rules().put("pin-102", new HaState.Rule("node-affinity", "pin-102",
                    "vm:102", "pve2", 1, null, null, false)));
            Path pipeline = dir.resolve("strict.yaml");
            Files.writeString(pipeline, """
                    name: strict-affinity
                    cluster: clusters/lab.yaml
                    vmSpecs:
                      - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                    measure:
                      warmup: 0s
                      iperf3: {duration: 2s, streams: 1}
                      ping: {count: 5, interval: 200ms}
                    failover:
                      method: corosync
                      node: pve2
                      at: 0s
                      timeout: 4m
                    objectives:
                      failoverNotRecovered: {max: 0}
                      failoverPredictionMissed: {max: 0}
                    timeouts:
                      command: 20s
                    """);

            PipelineRunner.Outcome outcome = cluster.run(pipeline, 13);

            CaseResult c = outcome.result().cases().get(0);
            String steps = c.steps().toString();
            assertThat(c.assessment().verdict()).as(c.assessment().reason()).isEqualTo(Verdict.FAIL);
            assertThat(value(c, "failover_not_recovered")).isEqualTo(1);
            assertThat(value(c, "failover_prediction_missed")).isZero();
            assertThat(steps).contains("predicted: pve2 fails ⇒ vm:102: no recovery: strict node affinity")
                    .contains("as predicted: not")
                    // the HA stack's own words for it
                    .contains("failed, no recovery node found");
            assertThat(outcome.leftChanged()).isEmpty();
            assertThat(cluster.twin.model().iptablesRules("pve2")).isEmpty();
        }
    }
}
