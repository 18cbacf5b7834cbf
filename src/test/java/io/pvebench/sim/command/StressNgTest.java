package io.pvebench.sim.command;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** stress-ng 0.15.06 output against the real captures, and the load it puts on the model. */
class StressNgTest {

    private final GuestTwin twin = new GuestTwin(11);

    private static void assertSameShape(String actual, String captured) {
        List<String> a = GuestTwin.lines(actual);
        List<String> c = GuestTwin.lines(captured);
        assertThat(a).hasSameSizeAs(c);
        for (int i = 0; i < c.size(); i++) {
            assertThat(a.get(i)).as("line %d", i + 1).matches(GuestTwin.shape(c.get(i)));
        }
    }

    /** The text after {@code [pid] }: fixed-width columns must line up exactly. */
    private static List<Integer> widths(String text) {
        return GuestTwin.lines(text).stream().filter(l -> l.contains("metrc"))
                .map(l -> l.substring(l.indexOf("] ") + 2).length()).toList();
    }

    @Test
    void cpuRunWithBriefMetricsPrintsTheCapturedLinesOnStderrOnly() throws Exception {
        String captured = GuestTwin.capture("/outputs/stress-ng/cpu1-t3-metrics-brief.stderr.txt");
        GuestRun run = twin.exec(100, "stress-ng", "--cpu", "1", "--timeout", "3s", "--metrics-brief");
        assertThat(run.reply().stdout()).isEmpty();
        assertThat(run.reply().exitCode()).isZero();
        assertThat(run.duration()).isEqualTo(Duration.ofSeconds(3));
        assertSameShape(run.reply().stderr(), captured);
        assertThat(widths(run.reply().stderr())).isEqualTo(widths(captured));
    }

    @Test
    void mixedStressorsListInCommandLineOrderWithTheHddBlock() throws Exception {
        String captured = GuestTwin.capture("/sim/stress-ng/mixed-t2-metrics-brief.stderr.txt");
        Reply r = twin.run(100, "stress-ng", "--vm", "2", "--vm-bytes", "64M", "--io", "1", "--hdd", "1",
                "--hdd-bytes", "8M", "--cpu", "1", "--cpu-load", "50", "--timeout", "2s", "--metrics-brief");
        assertSameShape(r.stderr(), captured);
        assertThat(widths(r.stderr())).isEqualTo(widths(captured));
    }

    @Test
    void runsOverAMinuteAreSpelledOut() throws Exception {
        String captured = GuestTwin.capture("/sim/stress-ng/cpu2-t90-dry-run.stderr.txt");
        Reply r = twin.run(100, "stress-ng", "--cpu", "2", "--timeout", "90s");
        assertThat(r.stderr().lines().findFirst().orElseThrow())
                .matches(GuestTwin.shape(captured.lines().findFirst().orElseThrow()));
        assertThat(r.stderr()).contains("(1 min, 30.00 secs)");
        assertThat(twin.run(100, "stress-ng", "--cpu", "1", "--timeout", "2m").stderr())
                .contains("setting to a 120 second (2 mins, 0.00 secs) run per stressor");
    }

    @Test
    void yamlFileLandsInTheGuestAndCatPrintsItInTheCapturedLayout() throws Exception {
        twin.run(100, "stress-ng", "--cpu", "1", "--timeout", "3s", "--metrics-brief", "--yaml", "/tmp/out.yaml");
        Reply cat = twin.run(100, "cat", "/tmp/out.yaml");
        assertThat(cat.exitCode()).isZero();
        String captured = GuestTwin.capture("/outputs/stress-ng/cpu1-t3.yaml");
        List<String> keys = GuestTwin.lines(captured).stream().map(l -> l.replaceAll(":.*", ":")).toList();
        assertThat(GuestTwin.lines(cat.stdout()).stream().map(l -> l.replaceAll(":.*", ":")).toList())
                .isEqualTo(keys);
        assertThat(cat.stdout()).contains("      date-yyyy-mm-dd: 2026:11:25\n")
                .containsPattern("      bogo-ops-per-second-real-time: \\d+\\.\\d{6}\n")
                .containsPattern("      cpu-usage-per-instance: \\d+\\.\\d{6}\n");
        assertThat(twin.run(100, "cat", "/tmp/none").stderr()).isEqualTo("cat: /tmp/none: No such file or directory\n");
    }

    @Test
    void quietPrintsNothing() {
        Reply r = twin.run(100, "stress-ng", "--cpu", "1", "--timeout", "1s", "-q", "--metrics-brief");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void moreWorkersMeanMoreGuestCpuAndVmWorkersDirtyMemory() {
        double idleDirty = twin.model.dirtyBytesPerSecond(100);
        twin.run(100, "stress-ng", "--cpu", "2", "--timeout", "60s");
        double light = twin.model.vmLoad(100).cpuUsed();
        twin.run(100, "stress-ng", "--vm", "2", "--vm-bytes", "25%", "--vm-keep", "--timeout", "60s");
        assertThat(twin.model.vmLoad(100).cpuUsed()).isGreaterThan(light + 1.5);
        assertThat(twin.model.dirtyBytesPerSecond(100)).isGreaterThan(1_000 * idleDirty);
        twin.run(100, "pkill", "stress-ng");
        assertThat(twin.model.vmLoad(100).cpuUsed()).isLessThan(0.1);
        assertThat(twin.model.dirtyBytesPerSecond(100)).isEqualTo(idleDirty);
    }

    @Test
    void aHangingVmWorkerHoldsItsMemoryWithoutCpuOrDirtyingLikeTheRealOne() throws Exception {
        String captured = GuestTwin.capture("/outputs/stress-ng/cpu1-load30-vmhang-t2.stderr.txt");
        double idleDirty = twin.model.dirtyBytesPerSecond(100);
        long idleMemory = twin.model.vmLoad(100).memUsed();
        Reply r = twin.run(100, "stress-ng", "--cpu", "1", "--cpu-load", "30", "--vm", "1", "--vm-bytes", "1024m",
                "--vm-hang", "0", "--timeout", "2s", "--metrics-brief");

        assertSameShape(r.stderr(), captured);
        assertThat(r.stderr()).containsPattern("\\] vm +0 +\\d+\\.\\d\\d +0\\.00 ");
        // one CPU worker at 30 %: the held memory adds no CPU and dirties nothing
        assertThat(twin.model.vmLoad(100).cpuUsed()).isCloseTo(0.3, within(0.05));
        assertThat(twin.model.vmLoad(100).memUsed() - idleMemory).isGreaterThanOrEqualTo(1L << 30);
        assertThat(twin.model.dirtyBytesPerSecond(100)).isLessThan(idleDirty + 1e6);
    }

    @Test
    void unknownOptionFailsLikeStressNg() {
        Reply r = twin.run(100, "stress-ng", "--foo");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("stress-ng: unrecognized option '--foo'\n"
                + "Try 'stress-ng --help' for more information.\n");
    }
}
