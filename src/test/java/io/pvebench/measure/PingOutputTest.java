package io.pvebench.measure;

import static io.pvebench.measure.CapturedOutput.all;
import static io.pvebench.measure.CapturedOutput.only;
import static io.pvebench.measure.CapturedOutput.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays iputils ping 20221126 outputs captured on Debian 12 (outputs/SOURCES.md). */
class PingOutputTest {

    private static final Map<String, String> RUN = Map.of("run", "r1", "node", "pve1");
    private static final Instant OBSERVED = Instant.parse("2026-11-25T08:30:00Z");

    private final PingOutput parser = new PingOutput();

    private List<Sample> parse(String file) {
        return parser.parse(read("ping/" + file), RUN, OBSERVED);
    }

    @Test
    void aCleanRunGivesCountsLossAndTheRttSummaryAtTheObservationTime() {
        List<Sample> samples = parse("c10.txt");

        assertThat(only(samples, "packets_sent").value()).isEqualTo(10);
        assertThat(only(samples, "packets_received").value()).isEqualTo(10);
        assertThat(only(samples, "packet_loss").value()).isZero();
        assertThat(only(samples, "packet_loss").unit()).isEqualTo("%");
        assertThat(only(samples, "rtt_min").value()).isEqualTo(0.027);
        assertThat(only(samples, "rtt_avg").value()).isEqualTo(0.040);
        assertThat(only(samples, "rtt_max").value()).isEqualTo(0.046);
        assertThat(only(samples, "rtt_mdev").value()).isEqualTo(0.004);
        assertThat(only(samples, "rtt_avg").unit()).isEqualTo("ms");
        assertThat(only(samples, "packets_sent").timestamp()).isEqualTo(OBSERVED);
        assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsAllEntriesOf(RUN));
    }

    @Test
    void eachReplyIsOneRttSampleLabelledWithItsSequenceNumber() {
        List<Sample> rtts = all(parse("c10.txt"), "rtt");

        assertThat(rtts).hasSize(10);
        assertThat(rtts).extracting(s -> s.labels().get("seq"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(rtts).extracting(Sample::value).containsExactly(
                0.027, 0.043, 0.040, 0.046, 0.039, 0.042, 0.041, 0.043, 0.040, 0.041);
        assertThat(rtts).allSatisfy(s -> assertThat(s.timestamp()).isEqualTo(OBSERVED));
    }

    @Test
    void theDashDPrefixTimestampsEachReplyToTheMicrosecond() {
        List<Sample> samples = parse("c10-D.txt");
        List<Sample> rtts = all(samples, "rtt");

        assertThat(rtts).hasSize(10);
        assertThat(rtts.get(0).timestamp()).isEqualTo(Instant.ofEpochSecond(1795594636L, 784_843_000L));
        assertThat(rtts.get(0).value()).isEqualTo(0.016);
        assertThat(rtts.get(9).timestamp()).isEqualTo(Instant.ofEpochSecond(1795594638L, 620_206_000L));
        assertThat(rtts.get(9).labels()).containsEntry("seq", "10");
        assertThat(only(samples, "rtt_max").value()).isEqualTo(0.081);
        assertThat(only(samples, "rtt_max").timestamp()).isEqualTo(OBSERVED);
    }

    @Test
    void quietOutputHasOnlyTheSummary() {
        List<Sample> samples = parse("c10-q.txt");

        assertThat(all(samples, "rtt")).isEmpty();
        assertThat(only(samples, "packets_received").value()).isEqualTo(10);
        assertThat(only(samples, "rtt_min").value()).isEqualTo(0.018);
        assertThat(only(samples, "rtt_mdev").value()).isEqualTo(0.007);
    }

    @Test
    void lossIsFractionalAsPrintedAndLostProbesAreGapsInTheSequence() {
        List<Sample> samples = parse("loss-c30.txt");

        assertThat(only(samples, "packets_sent").value()).isEqualTo(30);
        assertThat(only(samples, "packets_received").value()).isEqualTo(14);
        assertThat(only(samples, "packet_loss").value()).isEqualTo(53.3333);
        assertThat(all(samples, "rtt")).extracting(s -> s.labels().get("seq"))
                .containsExactly("1", "5", "8", "12", "13", "17", "18", "19", "20", "21", "22", "24", "25", "26");
        assertThat(only(samples, "rtt_avg").value()).isEqualTo(0.049);
    }

    @Test
    void lossWithDashDKeepsTheTimestampsOfTheRepliesThatCame() {
        List<Sample> samples = parse("loss-D-c30.txt");
        List<Sample> rtts = all(samples, "rtt");

        assertThat(rtts).hasSize(20);
        assertThat(only(samples, "packet_loss").value()).isEqualTo(33.3333);
        assertThat(rtts.get(3).labels()).containsEntry("seq", "5");
        assertThat(rtts.get(3).timestamp()).isEqualTo(Instant.ofEpochSecond(1795594648L, 500_200_000L));
    }

    @Test
    void noAnswerYetLinesAreNotReplies() {
        List<Sample> samples = parse("loss-O-c30.txt");

        assertThat(read("ping/loss-O-c30.txt")).contains("no answer yet for icmp_seq=3");
        assertThat(all(samples, "rtt")).hasSize(12);
        assertThat(all(samples, "rtt")).extracting(s -> s.labels().get("seq")).doesNotContain("3", "4", "7");
        assertThat(only(samples, "packets_received").value()).isEqualTo(12);
        assertThat(only(samples, "packet_loss").value()).isEqualTo(60);
        assertThat(only(samples, "rtt_min").value()).isEqualTo(0.027);
    }

    @Test
    void duplicatesAreNotCountedAsReplies() {
        List<Sample> samples = parse("dup-c10.txt");
        List<Sample> rtts = all(samples, "rtt");

        assertThat(rtts).hasSize(10);
        assertThat(rtts).extracting(s -> s.labels().get("seq")).doesNotHaveDuplicates();
        assertThat(rtts.get(0).value()).isEqualTo(0.041);
        assertThat(only(samples, "packets_received").value()).isEqualTo(10);
        assertThat(only(samples, "packet_loss").value()).isZero();
        assertThat(only(samples, "rtt_max").value()).isEqualTo(0.070);
    }

    @Test
    void totalLossHasCountsAndHundredPercentButNoRttAtAll() {
        List<Sample> samples = parse("total-loss-c5.txt");

        assertThat(only(samples, "packets_sent").value()).isEqualTo(5);
        assertThat(only(samples, "packets_received").value()).isZero();
        assertThat(only(samples, "packet_loss").value()).isEqualTo(100);
        assertThat(samples).extracting(Sample::metric)
                .containsExactly("packets_sent", "packets_received", "packet_loss");
    }

    @Test
    void outputWithoutAStatisticsBlockIsMalformed() {
        String full = read("ping/c10.txt");
        String cut = full.substring(0, full.indexOf("---"));

        assertThatThrownBy(() -> parser.parse(cut, RUN, OBSERVED))
                .isInstanceOf(MalformedOutputException.class)
                .hasMessageContaining("ping output: no statistics block");
        assertThatThrownBy(() -> parser.parse("", RUN, OBSERVED)).isInstanceOf(MalformedOutputException.class);
    }
}
