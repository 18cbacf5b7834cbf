package io.pvebench.testsupport;

import io.pvebench.assess.Assessment;
import io.pvebench.assess.Verdict;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.run.CaseResult;
import io.pvebench.run.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finished case shaped like the load stage's output, without a cluster: 30 s with a
 * warm-up (0–5 s), iperf3 forward (5–15 s) and reverse (15–25 s), each with an anomaly-load
 * burst inside (8–10 s, 18–20 s), and a latency phase (25–30 s); per-interval throughput
 * per direction, an RTT per echo reply, CPU and memory per node and per VM every second,
 * and the summaries measured once.
 */
public final class LoadedCase {

    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    public static final String ID = "small-burst-r1";

    private LoadedCase() {
    }

    public static CaseResult result() {
        return result(ID, 1, samples(ID, 1));
    }

    /** A case of the same shape with other samples (say, some series left out). */
    public static CaseResult result(String id, int repetition, List<Sample> samples) {
        CasePlan plan = new CasePlan(id, new VmSpec("small", 4, 4L << 30, List.of(101, 102)), "burst", repetition);
        return new CaseResult(plan, new Assessment(Verdict.PASS, "", List.of()), List.of(), samples, phases(),
                T0, at(30));
    }

    public static List<Phase> phases() {
        return List.of(new Phase("warmup", at(0), at(5)), new Phase("iperf3 forward", at(5), at(15)),
                new Phase("burst 1", at(8), at(10)), new Phase("iperf3 reverse", at(15), at(25)),
                new Phase("burst 2", at(18), at(20)), new Phase("latency", at(25), at(30)));
    }

    public static List<Sample> samples(String id, int repetition) {
        List<Sample> out = new ArrayList<>();
        Map<String, String> base = Map.of("run", "loaded-1", "case", id, "vmSpec", "small", "scenario", "burst",
                "repetition", String.valueOf(repetition));
        for (int s = 0; s < 25; s++) {
            Map<String, String> labels = labels(base, "direction", s < 15 ? "forward" : "reverse",
                    "interval_start", String.valueOf(s < 5 ? s : s < 15 ? s - 5 : s - 15));
            if (s < 5) {
                labels.put("phase", "warmup");
            }
            out.add(new Sample("throughput_interval", inBurst(s) ? 6.1e9 : 9.4e9, "bit/s", labels, at(s)));
        }
        out.add(new Sample("throughput", 9.0e9, "bit/s", labels(base, "direction", "forward"), at(5)));
        out.add(new Sample("throughput", 8.9e9, "bit/s", labels(base, "direction", "reverse"), at(15)));
        for (int seq = 1; seq <= 25; seq++) {
            out.add(new Sample("rtt", 0.25 + seq % 3 * 0.05, "ms", labels(base, "seq", String.valueOf(seq)),
                    at(25 + (seq - 1) * 0.2)));
        }
        out.add(new Sample("rtt_avg", 0.3, "ms", base, at(25)));
        for (int s = 0; s < 30; s++) {
            for (String node : List.of("pve1", "pve2")) {
                double share = node.equals("pve1") ? 1 : 0.5;
                out.add(new Sample("node_cpu", share * (inBurst(s) ? 62.5 : 6.0), "%", labels(base, "node", node),
                        at(s)));
                out.add(new Sample("node_memory", 4.2e9, "bytes", labels(base, "node", node), at(s)));
            }
            for (String vm : List.of("101", "102")) {
                out.add(new Sample("vm_cpu", inBurst(s) ? 97.0 : 12.0, "%", labels(base, "vm", vm), at(s)));
                out.add(new Sample("vm_memory", 1.5e9, "bytes", labels(base, "vm", vm), at(s)));
            }
        }
        return out;
    }

    public static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }

    private static boolean inBurst(int s) {
        return s >= 8 && s < 10 || s >= 18 && s < 20;
    }

    private static Map<String, String> labels(Map<String, String> base, String... pairs) {
        Map<String, String> labels = new TreeMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
