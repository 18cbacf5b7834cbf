package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.ClusterDef;
import io.pvebench.pipeline.ClusterLoader;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.Phase;
import io.pvebench.run.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pvebench sim}: a standalone twin whose printed inventory a pipeline can use as is. */
@Tag("sim")
class SimCommandTest {

    @TempDir
    Path dir;

    @Test
    void aStandaloneTwinWritesAClusterFileThatAPipelineRunsAgainst() throws Exception {
        Path out = dir.resolve("sim");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Thread sim = new Thread(() -> new Main(Map.of(), stream, stream)
                .execute("sim", "--nodes", "2", "--seed", "4", "--time-scale", "50", "--out", out.toString()));
        sim.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> buffer.toString(StandardCharsets.UTF_8)
                    .contains("Ctrl-C stops the twin"));
            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("pve1  ssh -p ").contains("pve2  ssh -p ").contains("[101@pve1, 102@pve2]");
            ClusterDef cluster = ClusterLoader.load(out.resolve("cluster.yaml"));
            assertThat(cluster.nodes()).hasSize(2);
            assertThat(cluster.timeScale()).isEqualTo(50.0);
            assertThat(Files.getPosixFilePermissions(out.resolve("password")))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            assertThat(printed).doesNotContain(Files.readString(out.resolve("password")).strip());

            Path pipeline = out.resolve("check.yaml");
            Files.writeString(pipeline, """
                    name: sim-check
                    cluster: cluster.yaml
                    vmSpecs:
                      - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                    scenarios: [heavy]
                    measure:
                      warmup: 30s
                      iperf3: {duration: 5s, streams: 2}
                    objectives:
                      throughput: {min: 9 Gbit/s}
                    """);
            RunResult result = PipelineRunner.run(PipelineLoader.load(pipeline),
                    PipelineRunner.Options.of(dir.resolve("reports"), 4, Map.of(),
                            new PrintStream(new ByteArrayOutputStream()), List.of())).result();
            assertThat(result.verdict()).isEqualTo(Verdict.PASS);
            assertThat(result.info().cluster()).isEqualTo("twin");
            // the cluster file's time scale paces the run in the twin's time: a 30 s warm-up
            // passes in about a second, and the load check sees the load it aimed at
            CaseResult heavy = result.cases().get(0);
            Phase warmup = heavy.phases().get(0);
            assertThat(warmup.name()).isEqualTo("warmup");
            assertThat(Duration.between(warmup.start(), warmup.end())).isBetween(Duration.ofSeconds(30),
                    Duration.ofSeconds(90));
            assertThat(heavy.samples()).filteredOn(x -> x.metric().equals("load_cpu_target")).hasSize(2);
        } finally {
            sim.interrupt();
            sim.join(10_000);
        }
        assertThat(sim.isAlive()).isFalse();
        assertThat(out.resolve("password")).as("the password does not outlive the twin").doesNotExist();
    }
}
