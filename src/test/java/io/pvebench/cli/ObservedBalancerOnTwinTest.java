package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.run.CaseResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.pvebench.cli.RunOutcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A balancer outside pvebench: the cluster's own CRS, configured by its administrator, acts
 * while pvebench only watches; what it did is seen through the nodes' tasks and scored like
 * any other balancer, and pvebench leaves the cluster's crs option as it found it.
 */
@Tag("sim")
class ObservedBalancerOnTwinTest {

    private static final String PASSWORD = "observe-test";
    private static final String ADMINS_CRS = "ha=dynamic,ha-auto-rebalance=1";

    @TempDir
    Path dir;

    @Test
    void aBalancerPvebenchOnlyWatchesIsSeenThroughTheNodesTasksAndScored() throws Exception {
        try (TwinCluster cluster = TwinCluster.withSharedStorage(dir, PASSWORD, 13, 40)) {
            cluster.twin.model().setDatacenterOption("crs", ADMINS_CRS);
            Path pipeline = dir.resolve("observe.yaml");
            Files.writeString(pipeline, """
                    name: observe
                    cluster: clusters/lab.yaml
                    vmSpecs:
                      - name: small
                        cores: 4
                        memory: 4 GiB
                        vms: [101, 102]
                    scenarios: [normal]
                    measure:
                      warmup: 0s
                      iperf3: {duration: 2s, streams: 1}
                      ping: {count: 5, interval: 200ms}
                    balance:
                      balancer: observe
                      startOn: pve1
                      ha: true
                      watch: 3m
                    timeouts:
                      command: 30s
                    """);
            PipelineRunner.Outcome outcome = cluster.run(pipeline, 13);

            CaseResult c = outcome.result().cases().get(0);
            assertThat(c.assessment().verdict()).as(c.steps().toString()).isEqualTo(Verdict.PASS);
            assertThat(value(c, "balance_migrations")).isEqualTo(1);
            assertThat(value(c, "balance_unbalanced")).isZero();
            assertThat(c.phases()).anyMatch(p -> p.name().startsWith("migration vm "));
            String commands = Files.readString(RunOutcomes.runFolder(dir.resolve("reports"))
                    .resolve("raw/commands.jsonl"));
            assertThat(commands).doesNotContain("pvesh set /cluster/options");
            assertThat(cluster.twin.model().datacenterOptions()).containsEntry("crs", ADMINS_CRS);
            // the HA resources pvebench added for the case are gone again
            java.util.Set<String> haResources = cluster.twin.model()
                    .ha(ha -> java.util.Set.copyOf(ha.resources().keySet()));
            assertThat(haResources).isEmpty();
        }
    }
}
