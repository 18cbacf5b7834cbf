package io.pvebench.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * One ping probe.
 *
 * @param count    echo requests, 1..100000 (ping {@code -c})
 * @param interval time between requests, 10 ms..10 s (ping {@code -i})
 */
public record PingSettings(int count, Duration interval) {

    public static final PingSettings DEFAULT = new PingSettings(20, Duration.ofMillis(200));

    public PingSettings {
        Objects.requireNonNull(interval, "interval");
    }
}
