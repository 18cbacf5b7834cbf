package io.pvebench.pipeline;

import java.util.Objects;

/** How each case measures the network; {@link #DEFAULT} when the pipeline says nothing. */
public record MeasureSettings(Iperf3Settings iperf3, PingSettings ping) {

    public static final MeasureSettings DEFAULT = new MeasureSettings(Iperf3Settings.DEFAULT, PingSettings.DEFAULT);

    public MeasureSettings {
        Objects.requireNonNull(iperf3, "iperf3");
        Objects.requireNonNull(ping, "ping");
    }
}
