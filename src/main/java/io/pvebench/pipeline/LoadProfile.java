package io.pvebench.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scenario puts on every VM of a case: a steady level, and for an anomaly bursts
 * on top of it. The built-in profiles are pvebench's own definition of the study's
 * load levels (the study does not publish its stress-ng parameters); a pipeline may
 * define more under {@code loads:}.
 *
 * @param name   the scenario name it belongs to
 * @param steady the level held for the whole case
 * @param bursts sudden surges on top of the steady level, or {@code null} for none
 */
public record LoadProfile(String name, LoadLevel steady, Bursts bursts) {

    /**
     * Surges: one burst of {@code length} in every {@code every}, at a seeded random moment
     * within its slot, so bursts never overlap and their times repeat with the seed.
     *
     * @param every  slot length; longer than {@code length}
     * @param length how long one burst lasts
     * @param peak   the level during a burst (a total, not an addition to the steady level)
     */
    public record Bursts(Duration every, Duration length, LoadLevel peak) {

        public Bursts {
            Objects.requireNonNull(every, "every");
            Objects.requireNonNull(length, "length");
            Objects.requireNonNull(peak, "peak");
            if (length.isZero() || length.isNegative() || length.compareTo(every) >= 0) {
                throw new IllegalArgumentException("a burst lasts more than zero and less than its slot: "
                        + length + " in " + every);
            }
        }
    }

    /** The scenario without load. */
    public static final String IDLE = "idle";

    /** Built-in profiles by scenario name, in the order of the study's tables. */
    public static final Map<String, LoadProfile> BUILT_IN = builtIn();

    /** Every built-in scenario name, {@link #IDLE} first. */
    public static final List<String> BUILT_IN_SCENARIOS = List.of(IDLE, "light", "normal", "heavy", "anomaly");

    public LoadProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(steady, "steady");
    }

    /** Whether the profile runs anything in the guests (idle does not). */
    public boolean putsLoad() {
        return !steady.isNone() || bursts != null;
    }

    public Optional<Bursts> burstsIfAny() {
        return Optional.ofNullable(bursts);
    }

    private static Map<String, LoadProfile> builtIn() {
        return Map.of(
                IDLE, new LoadProfile(IDLE, LoadLevel.NONE, null),
                "light", new LoadProfile("light", new LoadLevel(25, 25, 0), null),
                "normal", new LoadProfile("normal", new LoadLevel(50, 40, 1), null),
                "heavy", new LoadProfile("heavy", new LoadLevel(90, 60, 2), null),
                "anomaly", new LoadProfile("anomaly", new LoadLevel(20, 25, 0),
                        new Bursts(Duration.ofSeconds(20), Duration.ofSeconds(5), new LoadLevel(100, 60, 4))));
    }
}
