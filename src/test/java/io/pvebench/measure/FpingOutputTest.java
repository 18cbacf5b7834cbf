package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static io.pvebench.measure.CapturedOutput.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays fping 5.1 outputs captured on Debian 12 (outputs/SOURCES.md). */
class FpingOutputTest {

    private static final Map<String, String> RUN = Map.of("run", "r1", "node", "pve1");
    private static final Instant OBSERVED = Instant.parse("2026-11-25T08:30:00Z");

    private final FpingOutput parser = new FpingOutput();

    private List<Sample> parse(String stdoutFile, String stderrFile) {
        String stdout = stdoutFile == null ? "" : read("fping/" + stdoutFile);
        return parser.parse(stdout, read("fping/" + stderrFile), RUN, OBSERVED);
    }

    @Test
    void aCleanRunGivesCountsLossAndTheSummaryRttsLabelledWithTheTarget() {
        List<Sample> samples = parse("c10.txt", "c10.stderr.txt");

        assertThat(only(samples, "packets_sent").value()).isEqualTo(10);
        assertThat(only(samples, "packets_received").value()).isEqualTo(10);
        assertThat(only(samples, "packet_loss").value()).isZero();
        assertThat(only(samples, "packet_loss").unit()).isEqualTo("%");
        assertThat(only(samples, "rtt_min").value()).isEqualTo(0.022);
        assertThat(only(samples, "rtt_avg").value()).isEqualTo(0.051);
        assertThat(only(samples, "rtt_max").value()).isEqualTo(0.102);
        assertThat(only(samples, "rtt_max").unit()).isEqualTo("ms");
        assertThat(only(samples, "rtt_avg").timestamp()).isEqualTo(OBSERVED);
        assertThat(all(samples, "rtt_mdev")).isEmpty();
        assertThat(samples).allSatisfy(s -> assertThat(s.labels())
                .containsAllEntriesOf(RUN).containsEntry("target", "127.0.0.1"));
    }

    @Test
    void eachReplyOnStdoutIsOneRttWithFpingsZeroBasedIndexAsSeq() {
        List<Sample> rtts = all(parse("c10.txt", "c10.stderr.txt"), "rtt");

        assertThat(rtts).extracting(s -> s.labels().get("seq"))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(rtts).extracting(Sample::value).containsExactly(
                0.022, 0.049, 0.044, 0.049, 0.102, 0.046, 0.053, 0.052, 0.046, 0.046);
    }

    @Test
    void quietOutputIsAllOnStderrAndHasOnlyTheSummary() {
        List<Sample> samples = parse(null, "c10-q.stderr.txt");

        assertThat(all(samples, "rtt")).isEmpty();
        assertThat(only(samples, "packets_received").value()).isEqualTo(10);
        assertThat(only(samples, "rtt_min").value()).isEqualTo(0.020);
        assertThat(only(samples, "rtt_avg").value()).isEqualTo(0.042);
        assertThat(only(samples, "rtt_max").value()).isEqualTo(0.050);
    }

    @Test
    void lossIsComputedFromTheCountsAndRepliesPrintedOutOfOrderAreSortedBySeq() {
        List<Sample> samples = parse("loss-c30.txt", "loss-c30.stderr.txt");

        assertThat(read("fping/loss-c30.stderr.txt")).contains("30/18/40%");
        assertThat(only(samples, "packets_sent").value()).isEqualTo(30);
        assertThat(only(samples, "packets_received").value()).isEqualTo(18);
        assertThat(only(samples, "packet_loss").value()).isEqualTo(40.0);
        assertThat(only(samples, "rtt_avg").value()).isEqualTo(0.044);
        List<Sample> rtts = all(samples, "rtt");
        assertThat(rtts).hasSize(18);
        assertThat(rtts).extracting(s -> s.labels().get("seq")).containsExactly(
                "0", "2", "6", "8", "10", "11", "12", "13", "14", "15", "16", "19", "23", "25", "26", "27", "28", "29");
        assertThat(rtts.get(2).value()).isEqualTo(0.052);
    }

    @Test
    void theEmittedLossIsExactWhereFpingTruncates() {
        String stderr = "\n127.0.0.1 : xmt/rcv/%loss = 30/14/53%, min/avg/max = 0.034/0.044/0.052\n";

        List<Sample> samples = parser.parse("", stderr, RUN, OBSERVED);

        assertThat(only(samples, "packet_loss").value()).isEqualTo(16 * 100.0 / 30);
    }

    @Test
    void aPrintedLossThatContradictsItsCountsIsMalformed() {
        String stderr = "127.0.0.1 : xmt/rcv/%loss = 30/14/40%, min/avg/max = 0.034/0.044/0.052\n";

        assertThatThrownBy(() -> parser.parse("", stderr, RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("printed loss 40% does not match xmt/rcv 30/14");
    }

    @Test
    void totalLossHasCountsAndHundredPercentButNoRttAtAll() {
        List<Sample> samples = parse("total-loss-c5.txt", "total-loss-c5.stderr.txt");

        assertThat(samples).extracting(Sample::metric)
                .containsExactly("packets_sent", "packets_received", "packet_loss");
        assertThat(only(samples, "packets_sent").value()).isEqualTo(5);
        assertThat(only(samples, "packets_received").value()).isZero();
        assertThat(only(samples, "packet_loss").value()).isEqualTo(100);
    }

    @Test
    void duplicatesLeaveNoTraceInFping51() {
        List<Sample> samples = parse("dup-c10.txt", "dup-c10.stderr.txt");

        assertThat(all(samples, "rtt")).hasSize(10);
        assertThat(only(samples, "packets_received").value()).isEqualTo(10);
        assertThat(only(samples, "rtt_max").value()).isEqualTo(0.053);
    }

    @Test
    void dashCHasNoXmtLineSoCountsAndRttStatisticsComeFromTheList() {
        List<Sample> samples = parse("C10.txt", "C10.stderr.txt");

        assertThat(only(samples, "packets_sent").value()).isEqualTo(10);
        assertThat(only(samples, "packets_received").value()).isEqualTo(10);
        assertThat(only(samples, "packet_loss").value()).isZero();
        assertThat(only(samples, "rtt_min").value()).isEqualTo(0.023);
        assertThat(only(samples, "rtt_max").value()).isEqualTo(0.048);
        assertThat(only(samples, "rtt_avg").value()).isCloseTo(0.0435, within(1e-12));
        assertThat(all(samples, "rtt")).hasSize(10);
        assertThat(all(samples, "rtt").get(0).value()).isEqualTo(0.023);
    }

    @Test
    void dashCListsADashForEachLostProbe() {
        List<Sample> samples = parser.parse("", read("fping/loss-C30.stderr.txt"), RUN, OBSERVED);

        assertThat(only(samples, "packets_sent").value()).isEqualTo(30);
        assertThat(only(samples, "packets_received").value()).isEqualTo(16);
        assertThat(only(samples, "packet_loss").value()).isEqualTo(14 * 100.0 / 30);
        assertThat(only(samples, "rtt_min").value()).isEqualTo(0.041);
        assertThat(only(samples, "rtt_max").value()).isEqualTo(0.048);
        assertThat(only(samples, "rtt_avg").value()).isCloseTo(0.0441875, within(1e-12));
        assertThat(all(samples, "rtt")).extracting(s -> s.labels().get("seq")).startsWith("1", "2", "3", "4", "6");
    }

    @Test
    void dashCWithStdoutTakesTheSeriesFromStdoutOnce() {
        List<Sample> samples = parse("loss-C30.txt", "loss-C30.stderr.txt");

        assertThat(all(samples, "rtt")).hasSize(16);
        assertThat(all(samples, "rtt")).extracting(s -> s.labels().get("seq")).doesNotHaveDuplicates();
    }

    @Test
    void interimReportsOfDashQAreSkippedForTheFinalSummary() {
        List<Sample> samples = parse(null, "c25-Q1.stderr.txt");

        assertThat(only(samples, "packets_sent").value()).isEqualTo(25);
        assertThat(only(samples, "packets_received").value()).isEqualTo(25);
        assertThat(only(samples, "rtt_min").value()).isEqualTo(0.023);
        assertThat(only(samples, "rtt_avg").value()).isEqualTo(0.044);
        assertThat(only(samples, "rtt_max").value()).isEqualTo(0.049);
    }

    @Test
    void severalTargetsAreSeparatedByTheirLabelAndDashDTimestampsReplies() {
        String stdout = "[1795594636.78484] host-a : [0], 64 bytes, 0.10 ms (0.10 avg, 0% loss)\n"
                + "[1795594636.88484] b      : [0], 64 bytes, 0.20 ms (0.20 avg, 0% loss)\n";
        String stderr = "\nhost-a : xmt/rcv/%loss = 1/1/0%, min/avg/max = 0.10/0.10/0.10\n"
                + "b      : xmt/rcv/%loss = 1/1/0%, min/avg/max = 0.20/0.20/0.20\n";

        List<Sample> rtts = all(parser.parse(stdout, stderr, RUN, OBSERVED), "rtt");

        assertThat(rtts).extracting(s -> s.labels().get("target")).containsExactly("host-a", "b");
        assertThat(rtts.get(0).timestamp()).isEqualTo(Instant.ofEpochSecond(1795594636L, 784_840_000L));
    }

    @Test
    void twoTargetsInterleavedWithDashDAreSeparatedByTheirLabel() {
        List<Sample> samples = parse("D-c3-two.txt", "D-c3-two.stderr.txt");
        List<Sample> rtts = all(samples, "rtt");

        assertThat(all(samples, "packets_sent")).extracting(s -> s.labels().get("target"))
                .containsExactly("127.0.0.1", "127.0.0.2");
        assertThat(all(samples, "rtt_max")).extracting(Sample::value).containsExactly(0.048, 0.239);
        assertThat(rtts).extracting(s -> s.labels().get("target") + "#" + s.labels().get("seq")).containsExactly(
                "127.0.0.1#0", "127.0.0.1#1", "127.0.0.1#2", "127.0.0.2#0", "127.0.0.2#1", "127.0.0.2#2");
        assertThat(rtts.get(3).value()).isEqualTo(0.239);
        assertThat(rtts.get(3).timestamp()).isEqualTo(Instant.ofEpochSecond(1795601509L, 48_980_000L));
        assertThat(only(samples.stream().filter(s -> "127.0.0.2".equals(s.labels().get("target"))).toList(),
                "rtt_avg").timestamp()).isEqualTo(OBSERVED);
    }

    @Test
    void quietDashCOfTwoTargetsGivesOneListEach() {
        List<Sample> samples = parse(null, "C3-q-two.stderr.txt");

        assertThat(all(samples, "packets_received")).extracting(Sample::value).containsExactly(3.0, 3.0);
        assertThat(all(samples, "rtt_min")).extracting(Sample::value).containsExactly(0.012, 0.011);
        assertThat(all(samples, "rtt")).hasSize(6);
        assertThat(all(samples, "rtt").get(4).labels()).containsEntry("target", "127.0.0.2").containsEntry("seq", "1");
    }

    @Test
    void fpingsOwnMessagesWithoutASummaryAreAToolError() {
        assertThatThrownBy(() -> parser.parse("", "nosuch.invalid: Name or service not known\n", RUN, OBSERVED))
                .isInstanceOf(ToolErrorException.class)
                .hasMessageContaining("nosuch.invalid: Name or service not known");
    }

    @Test
    void outputWithoutSummaryOrListIsMalformed() {
        assertThatThrownBy(() -> parser.parse(read("fping/c10.txt"), "", RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("fping output: no summary ('TARGET : xmt/rcv/%loss");
        assertThatThrownBy(() -> parser.parse(null, null, RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class);
    }
}
