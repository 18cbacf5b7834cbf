package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.run.CaseResult;
import io.pvebench.run.StepRecord;
import io.pvebench.sim.model.HaState;
import io.pvebench.sim.model.MigrationRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HA-managed VM migrates through the HA stack: {@code qm migrate} only queues the
 * request ({@code hamigrate}); the stage finds the {@code qmigrate} task the source's LRM
 * starts and follows it to its end, so the measured migration is the real one.
 */
@Tag("sim")
class MigrationThroughHaOnTwinTest {

    private static final String PASSWORD = "ha-migration-test";

    @TempDir
    Path dir;

    @Test
    void haManagedVmsMigrationIsFollowedToTheEndOfItsQmigrateTask() throws Exception {
        try (TwinCluster cluster = TwinCluster.withSharedStorage(dir, PASSWORD, 11, 40)) {
            cluster.twin.model().ha(ha -> ha.resources().put("vm:101",
                    new HaState.Resource("vm:101", "started", null, null, null, null)));
            Path pipeline = dir.resolve("ha-migration.yaml");
            Files.writeString(pipeline, """
                    name: ha-migration
                    cluster: clusters/lab.yaml
                    vmSpecs:
                      - name: small
                        cores: 4
                        memory: 4 GiB
                        vms: [101, 102]
                    scenarios: [light]
                    measure:
                      warmup: 0s
                      iperf3: {duration: 2s, streams: 1}
                      ping: {count: 5, interval: 200ms}
                    migration:
                      at: 5s
                      observe: 60s
                    timeouts:
                      command: 30s
                    """);
            PipelineRunner.Outcome outcome = cluster.run(pipeline, 11);

            CaseResult kase = outcome.result().cases().get(0);
            assertThat(kase.assessment().verdict()).as(kase.steps().toString()).isEqualTo(Verdict.PASS);
            StepRecord migrate = kase.steps().stream().filter(s -> s.name().equals("migrate")).findFirst()
                    .orElseThrow();
            assertThat(migrate.detail()).contains("through the HA stack");
            // the twin's own record of the migration there and back: the measured one is the first
            List<MigrationRecord> records = cluster.twin.model().migrations().stream()
                    .filter(m -> m.vmid() == 101).toList();
            assertThat(records).hasSize(2);
            MigrationRecord there = records.get(0);
            assertThat(there.target()).isEqualTo("pve2");
            double reported = RunOutcomes.value(kase, "migration_downtime");
            assertThat(reported).isEqualTo((double) there.downtime().toMillis());
            assertThat(kase.samples()).anyMatch(s -> s.metric().equals("migration_duration"));
            // the VM is back where it started and still HA-managed
            assertThat(cluster.twin.model().nodeOf(101)).isEqualTo("pve1");
        }
    }
}
