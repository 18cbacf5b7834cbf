package io.pvebench.balance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How long a condition must last before a balancer acts: a number of consecutive snapshots
 * (rounds), or a duration. Exactly one of the two is set: {@code rounds > 0} and
 * {@code duration == null}, or {@code rounds == 0} and a non-negative {@code duration}.
 */
public record Hold(int rounds, Duration duration) {

    public Hold {
        if (rounds > 0 == (duration != null) || rounds < 0 || (duration != null && duration.isNegative())) {
            throw new IllegalArgumentException("a hold is either rounds >= 1 or a duration >= 0: " + rounds + ", " + duration);
        }
    }

    public static Hold rounds(int rounds) {
        return new Hold(rounds, null);
    }

    public static Hold lasting(Duration duration) {
        return new Hold(0, Objects.requireNonNull(duration, "duration"));
    }

    /**
     * Whether {@code condition} held at the latest snapshots long enough: in rounds, at the last
     * {@code rounds} snapshots; in time, at every snapshot since one at least {@code duration}
     * before the latest (so a hold of 30 s needs a run of snapshots spanning 30 s).
     */
    boolean satisfiedBy(List<ClusterSnapshot> history, Predicate<ClusterSnapshot> condition) {
        int run = 0;
        for (int i = history.size() - 1; i >= 0 && condition.test(history.get(i)); i--) {
            run++;
        }
        if (run == 0) {
            return false;
        }
        if (duration == null) {
            return run >= rounds;
        }
        Duration lasted = Duration.between(history.get(history.size() - run).at(), history.get(history.size() - 1).at());
        return lasted.compareTo(duration) >= 0;
    }

    /** {@code 3 rounds}, {@code 1 round}, {@code 30 s}. */
    public String describe() {
        return duration == null ? rounds + (rounds == 1 ? " round" : " rounds") : Wording.duration(duration);
    }
}
