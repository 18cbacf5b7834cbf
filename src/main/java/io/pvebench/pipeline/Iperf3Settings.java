package io.pvebench.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * The iperf3 throughput test of a case.
 *
 * @param duration test length per direction, 1 s..1 h (iperf3 {@code -t})
 * @param streams  parallel TCP streams, 1..128 (iperf3 {@code -P})
 * @param reverse  whether the server-to-client direction is measured too (iperf3 {@code -R})
 */
public record Iperf3Settings(Duration duration, int streams, boolean reverse) {

    public static final Iperf3Settings DEFAULT = new Iperf3Settings(Duration.ofSeconds(10), 1, true);

    public Iperf3Settings {
        Objects.requireNonNull(duration, "duration");
    }
}
