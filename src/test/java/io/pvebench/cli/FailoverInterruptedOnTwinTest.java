package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.StopSignal;
import io.pvebench.sim.SimHardware;
import io.pvebench.stage.HealJournal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run stopped while a node's corosync traffic is cut: the failover case breaks, and its teardown
 * still heals the node (the rules removed, the cluster quorate again) and strikes the heal journal,
 * which held the fault from before it was made — what the next run would have healed had this one
 * been killed instead.
 */
@Tag("sim")
class FailoverInterruptedOnTwinTest {

    private static final String PASSWORD = "failover-stop-pw";

    @TempDir
    Path dir;

    @Test
    void aStopDuringTheFailoverStillHealsTheNode() throws Exception {
        StopSignal stop = new StopSignal();
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 7, 40, SimHardware.DEFAULT, true)) {
            Path pipeline = dir.resolve("failover.yaml");
            Files.writeString(pipeline, """
                    name: failover-stop
                    cluster: clusters/lab.yaml
                    vmSpecs:
                      - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                    measure:
                      warmup: 0s
                      iperf3: {duration: 2s, streams: 1}
                      ping: {count: 5, interval: 200ms}
                    failover:
                      method: corosync
                      at: 0s
                      timeout: 10m
                    timeouts:
                      command: 20s
                    """);
            HealJournal journal = HealJournal.of(dir.resolve("reports"), "lab");
            AtomicReference<List<HealJournal.Entry>> pendingWhileCut = new AtomicReference<>();
            Thread stopper = new Thread(() -> {
                while (cluster.twin.model().iptablesRules("pve1").isEmpty()) {
                    Thread.onSpinWait();
                }
                pendingWhileCut.set(journal.pending());
                stop.request("test stop");
            });
            stopper.setDaemon(true);
            stopper.start();

            PipelineRunner.Outcome outcome = PipelineRunner.run(PipelineLoader.load(pipeline),
                    new PipelineRunner.Options(dir.resolve("reports"), 7, Path.of("routes"),
                            Map.of(TwinCluster.PASSWORD_VARIABLE, PASSWORD), new PrintStream(new ByteArrayOutputStream()),
                            List.of(), false, Clock.systemUTC(), stop));
            stopper.join(10_000);

            CaseResult c = outcome.result().cases().get(0);
            assertThat(c.assessment().verdict()).isEqualTo(Verdict.BROKEN);
            assertThat(c.assessment().reason()).contains("run stopped: test stop");
            // written down before the rules went in
            assertThat(pendingWhileCut.get()).singleElement()
                    .satisfies(e -> assertThat(e.change()).isEqualTo("corosync traffic of pve1 dropped"));
            assertThat(cluster.twin.model().iptablesRules("pve1")).isEmpty();
            assertThat(cluster.twin.model().quorate("pve2")).isTrue();
            assertThat(journal.pending()).isEmpty();
            assertThat(outcome.leftChanged()).isEmpty();
            java.util.Set<String> haResources = cluster.twin.model().ha(ha -> java.util.Set.copyOf(ha.resources().keySet()));
            assertThat(haResources).isEmpty();
        }
    }
}
