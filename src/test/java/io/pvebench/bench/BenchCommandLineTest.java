package io.pvebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code pvebench bench ...} as a user types it: figures and exit 0, or exit 2 for bad options. */
@Tag("sim")
class BenchCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int pvebench(String... args) {
        return new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    @Test
    void benchTwinPrintsItsTableAndExitsZero() {
        int exit = pvebench("bench", "twin", "--nodes", "2", "--vms", "4", "--samples", "3", "--warmup", "0");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("twin: 2 nodes x 4 VMs", "started in",
                "qm guest exec ping -c 1");
    }

    @Test
    void outOfRangeOptionsExitTwoBeforeAnythingStarts() {
        assertThat(pvebench("bench", "twin", "--nodes", "33")).isEqualTo(Main.EXIT_INVALID);
        assertThat(pvebench("bench", "ssh", "--nodes", "8,0")).isEqualTo(Main.EXIT_INVALID);
        assertThat(pvebench("bench", "ssh", "--command", "rm -rf /")).isEqualTo(Main.EXIT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--nodes", "--command");
    }
}
