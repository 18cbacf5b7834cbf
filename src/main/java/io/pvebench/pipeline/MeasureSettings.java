package io.pvebench.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How each case measures; {@link #DEFAULT} when the pipeline says nothing.
 *
 * @param iperf3        the throughput test
 * @param ping          the latency probe
 * @param warmup        how long a load runs before anything is measured (its samples are kept,
 *                      labelled {@code phase=warmup}, and count for no objective); the load
 *                      check needs more than two of pvestatd's 10 s periods to see load alone
 * @param sampleEvery   how often node and guest usage are read from {@code /cluster/resources}
 * @param loadTolerance how far, in percentage points, a VM's measured CPU may stray from the
 *                      level its load profile aims at before the case is broken
 */
public record MeasureSettings(Iperf3Settings iperf3, PingSettings ping, Duration warmup, Duration sampleEvery,
                              double loadTolerance) {

    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofSeconds(1);
    public static final double DEFAULT_LOAD_TOLERANCE = 15;

    public static final MeasureSettings DEFAULT = new MeasureSettings(Iperf3Settings.DEFAULT, PingSettings.DEFAULT,
            DEFAULT_WARMUP, DEFAULT_SAMPLE_EVERY, DEFAULT_LOAD_TOLERANCE);

    public MeasureSettings {
        Objects.requireNonNull(iperf3, "iperf3");
        Objects.requireNonNull(ping, "ping");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(sampleEvery, "sampleEvery");
        if (sampleEvery.isZero() || sampleEvery.isNegative()) {
            throw new IllegalArgumentException("sampleEvery must be positive: " + sampleEvery);
        }
    }

    /** The network measurements' length in cluster time, without tool start-up: what a load must outlast. */
    public Duration networkTime() {
        Duration iperf = iperf3.duration().multipliedBy(iperf3.reverse() ? 2 : 1);
        return iperf.plus(ping.interval().multipliedBy(ping.count()));
    }
}
