package io.pvebench.measure;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProbeTrainTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration EVERY = Duration.ofMillis(10);

    /** fping -C 12 -p 10 -q as it prints a train with a 4-probe hole and one stray loss (format of outputs/fping/loss-C30). */
    private static final String TRAIN = "10.0.0.2 : 0.21 0.20 - 0.22 0.25 3.10 - - - - 0.31 0.22\n";

    private static ProbeTrain train() {
        List<Sample> samples = new FpingOutput().parse("", TRAIN, Map.of(), START.plusSeconds(1));
        return ProbeTrain.of(samples, START, EVERY);
    }

    @Test
    void longestRunOfLostProbesIsTheBlackoutToOneSpacing() {
        ProbeTrain.Loss loss = train().longestLoss().orElseThrow();

        assertThat(loss.firstProbe()).isEqualTo(6);
        assertThat(loss.lost()).isEqualTo(4);
        assertThat(loss.length()).isEqualTo(Duration.ofMillis(40));
        assertThat(loss.at()).isEqualTo(START.plusMillis(60));
    }

    @Test
    void trainWithoutLossHasNoBlackout() {
        List<Sample> samples = new FpingOutput().parse("", "10.0.0.2 : 0.21 0.20 0.22\n", Map.of(), START);

        assertThat(ProbeTrain.of(samples, START, EVERY).longestLoss()).isEmpty();
    }

    @Test
    void lossAtTheEndOfTheTrainCounts() {
        List<Sample> samples = new FpingOutput().parse("", "10.0.0.2 : 0.21 - - -\n", Map.of(), START);

        assertThat(ProbeTrain.of(samples, START, EVERY).longestLoss().orElseThrow().lost()).isEqualTo(3);
    }

    @Test
    void spikeIsTheHighestRoundTripOfProbesSentInTheWindow() {
        ProbeTrain train = train();

        assertThat(train.maxRtt(START.plusMillis(30), START.plusMillis(100)).orElseThrow()).isCloseTo(3.10,
                within(1e-9));
        assertThat(train.maxRtt(START, START.plusMillis(20)).orElseThrow()).isCloseTo(0.21, within(1e-9));
        assertThat(train.maxRtt(START.plusMillis(70), START.plusMillis(90))).isEmpty();
    }

    @Test
    void seriesPlacesEachReplyAtItsSendTime() {
        List<Sample> series = train().series(Map.of("case", "c1"));

        assertThat(series).hasSize(7);
        assertThat(series.get(5).timestamp()).isEqualTo(START.plusMillis(100));
        assertThat(series.get(5).labels()).containsEntry("seq", "10").containsEntry("case", "c1");
    }

    @Test
    void longTrainOfThousandsOfProbesParses() {
        StringBuilder list = new StringBuilder("10.0.0.2 :");
        for (int k = 0; k < 6000; k++) {
            list.append(k >= 3000 && k < 3011 ? " -" : " 0.25");
        }
        List<Sample> samples = new FpingOutput().parse("", list.append('\n').toString(), Map.of(), START);

        assertThat(ProbeTrain.of(samples, START, EVERY).longestLoss().orElseThrow().length())
                .isEqualTo(Duration.ofMillis(110));
    }

    @Test
    void medianOfTheProbesBeforeIsTheUsualRoundTrip() {
        ProbeTrain train = train();

        assertThat(train.medianRtt(START, START.plusMillis(50)).orElseThrow()).isCloseTo(0.215, within(1e-9));
        assertThat(train.medianRtt(START.plusMillis(60), START.plusMillis(100))).isEmpty();
    }
}
