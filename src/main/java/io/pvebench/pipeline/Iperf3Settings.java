package io.pvebench.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * One iperf3 throughput test.
 *
 * @param duration test length, 1 s..1 h (iperf3 {@code -t})
 * @param streams  parallel TCP streams, 1..128 (iperf3 {@code -P})
 */
public record Iperf3Settings(Duration duration, int streams) {

    public static final Iperf3Settings DEFAULT = new Iperf3Settings(Duration.ofSeconds(10), 1);

    public Iperf3Settings {
        Objects.requireNonNull(duration, "duration");
    }
}
