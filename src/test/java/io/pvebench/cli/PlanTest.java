package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --plan}: the matrix in run order, printed before anything connects. */
class PlanTest {

    @TempDir
    Path dir;

    @Test
    void planPrintsEveryCaseInRunOrderAndTouchesNothing() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = new Main(Map.of(), out, out).execute("run", "pipelines/demo.yaml", "--plan", "--seed", "7",
                "--out", dir.resolve("reports").toString());

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("2 case(s) = 1 VM spec(s) x 1 scenario(s) x 2 repetition(s)")
                .containsPattern("1\\. small-idle-r\\d  vmSpec small \\(4 vCPU, 4 GiB, VMs \\[101, 102]\\)")
                .contains("run it with: pvebench run pipelines/demo.yaml --seed 7");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void planShowsTheLoadEachScenarioStartsScaledToEachVmSpec() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = new Main(Map.of(), out, out).execute("run", "pipelines/study-2node.yaml", "--plan", "--seed", "5");

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("24 case(s) = 3 VM spec(s) x 4 scenario(s) x 2 repetition(s)")
                .contains("each case: warm-up 30 s under load, then 50 s of network tests")
                .contains("heavy on small: stress-ng --cpu 4 --cpu-load 90 --vm 1 --vm-bytes 2457m --vm-hang 0 "
                        + "--hdd 2 --hdd-bytes 256m --temp-path /var/tmp\n")
                .contains("heavy on large: stress-ng --cpu 8 --cpu-load 90 --vm 1 --vm-bytes 9830m")
                .containsPattern("anomaly on small: stress-ng --cpu 4 --cpu-load 20 .*; plus 4 burst\\(s\\) of 5 s: "
                        + "stress-ng --cpu 4 --cpu-load 80");
    }
}
