package io.pvebench.sim.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** fping 5.1 output against the real captures in src/test/resources/outputs/fping/. */
class FpingTest {

    private final GuestTwin twin = new GuestTwin(5);

    private static void assertLinesShaped(String actual, String captured) {
        List<String> c = GuestTwin.lines(captured);
        List<String> a = GuestTwin.lines(actual);
        assertThat(a).hasSameSizeAs(c);
        for (int i = 0; i < c.size(); i++) {
            assertThat(a.get(i)).as("line %d", i + 1).matches(GuestTwin.shape(c.get(i).replace("127.0.0.1",
                    "10.10.10.102")));
        }
    }

    @Test
    void countModePrintsProbesOnStdoutAndTheSummaryOnStderr() throws Exception {
        Reply r = twin.run(100, "fping", "-c", "10", "-p", "100", "10.10.10.102");
        assertThat(r.exitCode()).isZero();
        assertLinesShaped(r.stdout(), GuestTwin.capture("/outputs/fping/c10.txt"));
        assertLinesShaped(r.stderr(), GuestTwin.capture("/outputs/fping/c10.stderr.txt"));
        assertThat(r.stderr()).startsWith("\n10.10.10.102 : xmt/rcv/%loss = 10/10/0%, min/avg/max = ");
    }

    @Test
    void quietPutsOnlyTheSummaryOnStderr() throws Exception {
        Reply r = twin.run(100, "fping", "-q", "-c", "10", "-p", "100", "10.10.10.102");
        assertThat(r.stdout()).isEmpty();
        assertLinesShaped(r.stderr(), GuestTwin.capture("/outputs/fping/c10-q.stderr.txt"));
    }

    @Test
    void perProbeListModeListsEveryTime() throws Exception {
        Reply r = twin.run(100, "fping", "-C", "10", "-p", "100", "10.10.10.102");
        assertLinesShaped(r.stdout(), GuestTwin.capture("/outputs/fping/C10.txt"));
        assertLinesShaped(r.stderr(), GuestTwin.capture("/outputs/fping/C10.stderr.txt"));
    }

    @Test
    void interimReportsCountOnlyTheirIntervalAndSkipTheLastPartialOne() throws Exception {
        Reply r = twin.run(100, "fping", "-c", "25", "-p", "100", "-Q", "1", "10.10.10.102");
        assertThat(r.stdout()).isEmpty();
        assertLinesShaped(r.stderr(), GuestTwin.capture("/outputs/fping/c25-Q1.stderr.txt"));
        assertThat(r.stderr()).contains("[08:17:53]\n10.10.10.102 : xmt/rcv/%loss = 10/10/0%")
                .contains("10.10.10.102 : xmt/rcv/%loss = 25/25/0%");
    }

    @Test
    void lostProbesTimeOutAndLossIsTruncatedToAnInteger() {
        twin.model.setLinkLoss("pve2", 0.25);
        Reply r = twin.run(100, "fping", "-c", "30", "-p", "50", "10.10.10.102");
        assertThat(r.stdout()).containsPattern("\\[\\d+\\], timed out \\((\\d+\\.\\d{3}|NaN) avg, \\d+% loss\\)\n");
        assertThat(r.stderr()).matches("\n10\\.10\\.10\\.102 : xmt/rcv/%loss = 30/\\d+/\\d+%, min/avg/max = "
                + "\\d\\.\\d{3}/\\d\\.\\d{3}/\\d\\.\\d{3}\n");
        Reply list = twin.run(100, "fping", "-C", "30", "-p", "50", "10.10.10.102");
        assertThat(list.stderr()).contains(" -");
    }

    @Test
    void unreachableTargetTimesOutWithoutMinAvgMaxAndExitsOne() throws Exception {
        Reply r = twin.run(100, "fping", "-c", "5", "-p", "200", "10.10.10.199");
        assertThat(r.exitCode()).isEqualTo(1);
        List<String> c = GuestTwin.lines(GuestTwin.capture("/outputs/fping/total-loss-c5.stderr.txt")
                .replace("127.0.0.1", "10.10.10.199"));
        assertThat(GuestTwin.lines(r.stderr())).isEqualTo(c);
        assertThat(r.stdout()).isEqualTo(GuestTwin.capture("/outputs/fping/total-loss-c5.txt")
                .replace("127.0.0.1", "10.10.10.199"));
    }

    @Test
    void severalTargetsArePaddedToTheLongestName() {
        Reply r = twin.run(100, "fping", "-q", "-c", "3", "-p", "100", "10.10.10.102", "127.0.0.1");
        assertThat(r.stderr()).contains("127.0.0.1    : xmt/rcv/%loss = 3/3/0%");
    }

    @Test
    void fpingTimesUseSprintTmPrecision() {
        assertThat(Fping.tm(43_000)).isEqualTo("0.043");
        assertThat(Fping.tm(1_234_000)).isEqualTo("1.23");
        assertThat(Fping.tm(12_340_000)).isEqualTo("12.3");
        assertThat(Fping.tm(123_400_000)).isEqualTo("123");
    }
}
