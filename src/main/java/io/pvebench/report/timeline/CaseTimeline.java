package io.pvebench.report.timeline;

import io.pvebench.measure.Sample;
import io.pvebench.run.CaseResult;
import io.pvebench.run.Phase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A case's time series and phases on one time axis, the input of its CSV and charts.
 *
 * <p>The axis starts at {@code origin}: the case's first sample, or the start of a phase
 * that begins before it. Not {@link CaseResult#start()}: that is the runner's wall clock,
 * while samples and phases share the cluster's clock (the twin's model time runs faster).
 *
 * @param caseId the case's id ({@code small-idle-r1})
 * @param origin second zero of the axis
 * @param series the case's time series, sorted by metric, then labels
 * @param phases the case's phases, sorted by start, an enclosing phase before those inside it
 */
public record CaseTimeline(String caseId, Instant origin, List<TimeSeries> series, List<Phase> phases) {

    /**
     * Labels that place a point in its series rather than name the series: ping's echo
     * {@code seq}, iperf3's {@code interval_start}, and the {@code phase=warmup} mark, so a
     * warm-up's points continue their series instead of starting a new one.
     */
    public static final Set<String> POINT_LABELS = Set.of("seq", "interval_start", "phase");

    private static final Comparator<Phase> PHASE_ORDER = Comparator.comparing(Phase::start)
            .thenComparing(Phase::end, Comparator.reverseOrder());

    public CaseTimeline {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(origin, "origin");
        series = List.copyOf(series);
        phases = phases.stream().sorted(PHASE_ORDER).toList();
    }

    /**
     * The timeline of {@code result}: every metric with more than one sample for one set of
     * series labels is a series; metrics measured once per case (iperf3's {@code throughput},
     * ping's {@code rtt_avg}) are not.
     */
    public static CaseTimeline of(CaseResult result) {
        Map<SeriesKey, List<Sample>> grouped = new TreeMap<>();
        for (Sample s : result.samples()) {
            Map<String, String> labels = new TreeMap<>(s.labels());
            labels.keySet().removeAll(POINT_LABELS);
            grouped.computeIfAbsent(new SeriesKey(s.metric(), s.unit(), labels.toString(), labels),
                    k -> new ArrayList<>()).add(s);
        }
        List<TimeSeries> series = new ArrayList<>();
        grouped.forEach((key, samples) -> {
            if (samples.size() > 1) {
                List<Sample> inTimeOrder = samples.stream().sorted(Comparator.comparing(Sample::timestamp)).toList();
                series.add(new TimeSeries(key.metric(), key.unit(), key.labels(), inTimeOrder));
            }
        });
        Instant origin = Stream.concat(result.samples().stream().map(Sample::timestamp),
                        result.phases().stream().map(Phase::start))
                .min(Comparator.naturalOrder()).orElse(result.start());
        return new CaseTimeline(result.plan().id(), origin, series, result.phases());
    }

    /** Whether the case has no time series: then it has no CSV and no charts. */
    public boolean isEmpty() {
        return series.isEmpty();
    }

    /** The series of one metric, in this timeline's order. */
    public List<TimeSeries> series(String metric) {
        return series.stream().filter(s -> s.metric().equals(metric)).toList();
    }

    /** Seconds from {@code origin} to {@code t}, exact to the nanosecond. */
    public BigDecimal secondsAt(Instant t) {
        Duration d = Duration.between(origin, t);
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros();
    }

    /** The names of the phases {@code t} lies in, in {@link #phases()} order; empty between phases. */
    public List<String> phasesAt(Instant t) {
        return phases.stream().filter(p -> p.contains(t)).map(Phase::name).toList();
    }

    private record SeriesKey(String metric, String unit, String labelText, Map<String, String> labels)
            implements Comparable<SeriesKey> {

        @Override
        public int compareTo(SeriesKey o) {
            return Comparator.comparing(SeriesKey::metric).thenComparing(SeriesKey::labelText)
                    .thenComparing(SeriesKey::unit).compare(this, o);
        }
    }
}
