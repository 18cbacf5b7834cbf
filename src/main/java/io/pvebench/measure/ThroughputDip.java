package io.pvebench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a disturbance (a live migration) did to a steady TCP stream, from its per-interval
 * throughput: the rate before it (the median of the intervals that began before the
 * disturbance), the deepest dip below that rate, and the throughput lost, as the time the
 * stream would have needed at its rate before to carry it: the sum over the intervals that
 * overlap the disturbance of {@code (1 - rate / rate before) x interval length}. A stream
 * that stalls completely for 300 ms loses 300 ms; one that runs at half speed for 2 s loses
 * 1 s. Intervals faster than before count zero, not negative, so catching up does not hide
 * a stall. Immutable.
 *
 * @param intervals the stream's intervals, in time order
 */
public record ThroughputDip(List<Interval> intervals) {

    /** One report interval: its start, its length and the rate measured over it. */
    public record Interval(Instant start, Duration length, double bitsPerSecond) {
        Instant end() {
            return start.plus(length);
        }
    }

    /** The dip and the loss during one disturbance. */
    public record Effect(double rateBefore, double dipPercent, Duration lost) {
    }

    public ThroughputDip {
        intervals = intervals.stream().sorted(Comparator.comparing(Interval::start)).toList();
    }

    /**
     * The intervals of {@link Iperf3Json}'s {@code throughput_interval} samples, placed on
     * the timeline from {@code started} (when the client started, on the caller's clock)
     * and their {@code interval_start} label; the last interval is as long as the one before.
     */
    public static ThroughputDip of(List<Sample> iperf3, Instant started) {
        Objects.requireNonNull(started, "started");
        List<double[]> points = new ArrayList<>();
        for (Sample s : iperf3) {
            if (s.metric().equals(Metric.THROUGHPUT_INTERVAL.id()) && s.labels().containsKey("interval_start")) {
                points.add(new double[] {Double.parseDouble(s.labels().get("interval_start")), s.value()});
            }
        }
        points.sort(Comparator.comparingDouble(p -> p[0]));
        List<Interval> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double length = i + 1 < points.size() ? points.get(i + 1)[0] - points.get(i)[0]
                    : i > 0 ? points.get(i)[0] - points.get(i - 1)[0] : 1;
            out.add(new Interval(started.plusNanos(Math.round(points.get(i)[0] * 1e9)),
                    Duration.ofNanos(Math.round(length * 1e9)), points.get(i)[1]));
        }
        return new ThroughputDip(out);
    }

    /**
     * The effect of a disturbance in {@code [from, to]}; empty when no interval began before
     * {@code from} (no rate to compare with) or none overlaps the disturbance.
     */
    public Optional<Effect> during(Instant from, Instant to) {
        double[] before = intervals.stream().filter(i -> !i.end().isAfter(from))
                .mapToDouble(Interval::bitsPerSecond).sorted().toArray();
        List<Interval> during = intervals.stream().filter(i -> i.end().isAfter(from) && i.start().isBefore(to))
                .toList();
        if (before.length == 0 || during.isEmpty()) {
            return Optional.empty();
        }
        double rate = before.length % 2 == 1 ? before[before.length / 2]
                : (before[before.length / 2 - 1] + before[before.length / 2]) / 2;
        if (rate <= 0) {
            return Optional.empty();
        }
        double lostNanos = 0;
        double lowest = rate;
        for (Interval i : during) {
            double shortfall = Math.max(0, 1 - i.bitsPerSecond() / rate);
            lostNanos += shortfall * i.length().toNanos();
            lowest = Math.min(lowest, i.bitsPerSecond());
        }
        return Optional.of(new Effect(rate, (1 - lowest / rate) * 100, Duration.ofNanos(Math.round(lostNanos))));
    }
}
