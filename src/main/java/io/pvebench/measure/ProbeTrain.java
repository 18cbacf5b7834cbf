package io.pvebench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A train of evenly spaced probes (fping {@code -C N -p P}) read as a timeline: probe
 * {@code k} left at {@code start + k x every}; a probe without reply is lost. A live
 * migration's switch-over shows as a run of lost probes: its length times the spacing is
 * the blackout, exact to one spacing (a probe sent just before the pause may still be
 * answered, one sent just before the end may not be). Immutable.
 *
 * @param start   when probe 0 left (the caller's best knowledge: when the tool started)
 * @param every   the spacing
 * @param sent    how many probes were sent
 * @param replies round trip in ms by probe index
 */
public record ProbeTrain(Instant start, Duration every, int sent, SortedMap<Integer, Double> replies) {

    /** A run of consecutive lost probes. */
    public record Loss(int firstProbe, int lost, Instant at, Duration length) {
    }

    public ProbeTrain {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(every, "every");
        replies = new TreeMap<>(replies);
    }

    /**
     * The train in {@link FpingOutput}'s samples of one target: {@code packets_sent} and
     * the {@code rtt} series labelled {@code seq}.
     *
     * @throws MalformedOutputException when the samples hold no {@code packets_sent}
     */
    public static ProbeTrain of(List<Sample> fping, Instant start, Duration every) {
        int sent = fping.stream().filter(s -> s.metric().equals(Metric.PACKETS_SENT.id()))
                .mapToInt(s -> (int) s.value()).findFirst()
                .orElseThrow(() -> new MalformedOutputException("fping", "no count of probes sent"));
        SortedMap<Integer, Double> replies = new TreeMap<>();
        for (Sample s : fping) {
            if (s.metric().equals(Metric.RTT.id()) && s.labels().containsKey("seq")) {
                replies.put(Integer.parseInt(s.labels().get("seq")), s.value());
            }
        }
        return new ProbeTrain(start, every, sent, replies);
    }

    /** When probe {@code k} left. */
    public Instant sentAt(int k) {
        return start.plus(every.multipliedBy(k));
    }

    /** The longest run of lost probes; the earliest of equally long ones; empty when none was lost. */
    public Optional<Loss> longestLoss() {
        Loss longest = null;
        int run = 0;
        for (int k = 0; k <= sent; k++) {
            if (k < sent && !replies.containsKey(k)) {
                run++;
                continue;
            }
            if (run > 0 && (longest == null || run > longest.lost())) {
                int first = k - run;
                longest = new Loss(first, run, sentAt(first), every.multipliedBy(run));
            }
            run = 0;
        }
        return Optional.ofNullable(longest);
    }

    /** The highest round trip of a probe sent in {@code [from, to]}, in ms. */
    public OptionalDouble maxRtt(Instant from, Instant to) {
        return replies.entrySet().stream().filter(e -> !sentAt(e.getKey()).isBefore(from)
                        && !sentAt(e.getKey()).isAfter(to))
                .mapToDouble(Map.Entry::getValue).max();
    }

    /** The median round trip of probes sent in {@code [from, to)}, in ms. */
    public OptionalDouble medianRtt(Instant from, Instant to) {
        double[] rtts = replies.entrySet().stream().filter(e -> !sentAt(e.getKey()).isBefore(from)
                        && sentAt(e.getKey()).isBefore(to))
                .mapToDouble(Map.Entry::getValue).sorted().toArray();
        if (rtts.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = rtts.length / 2;
        return OptionalDouble.of(rtts.length % 2 == 1 ? rtts[mid] : (rtts[mid - 1] + rtts[mid]) / 2);
    }

    /** Every reply as an {@code rtt} sample at its probe's send time, labelled {@code seq}. */
    public List<Sample> series(Map<String, String> labels) {
        List<Sample> out = new ArrayList<>();
        replies.forEach((k, rtt) -> {
            Map<String, String> withSeq = new HashMap<>(labels);
            withSeq.put("seq", Integer.toString(k));
            out.add(Sample.of(Metric.RTT, rtt, withSeq, sentAt(k)));
        });
        return out;
    }
}
