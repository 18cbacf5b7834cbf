package io.pvebench.sim.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Cluster Resource Scheduler's arithmetic for automatic rebalancing (pve-ha-manager
 * 5.2 {@code Manager.pm load_balance}, proxmox-resource-scheduling 2.1
 * {@code calculate_node_imbalance} and the brute-force balancing move): node load, the
 * imbalance of a set of nodes and the best single move. Pure functions; the CRM round
 * ({@code HaCrm}) feeds them what the model reports.
 *
 * <ul>
 *   <li>Node load = (CPU used ÷ CPU count + memory used ÷ memory total) ÷ 2.</li>
 *   <li>Imbalance = population standard deviation ÷ mean of the node loads, divided by
 *       √(n−1) so it lies in 0..1 (two nodes: |a−b| ÷ (a+b)); 0 for one node or an idle
 *       cluster.</li>
 *   <li>Brute force: every candidate guest to every allowed target, the guest taking its
 *       usage along; the move with the lowest imbalance afterwards wins (ties: the first in
 *       sid, then target order).</li>
 * </ul>
 */
public final class Crs {

    private Crs() {
    }

    /** A node's usage as the scheduler sees it: CPU in cores, memory in bytes. */
    public record NodeUsage(double cpu, double maxcpu, double mem, double maxmem) {

        public double load() {
            double c = maxcpu > 0 ? cpu / maxcpu : 0;
            double m = maxmem > 0 ? mem / maxmem : 0;
            return (c + m) / 2;
        }

        NodeUsage plus(GuestUsage g, int sign) {
            return new NodeUsage(cpu + sign * g.cpu(), maxcpu, mem + sign * g.mem(), maxmem);
        }
    }

    /** What a guest puts on its node: CPU in cores, memory in bytes. */
    public record GuestUsage(double cpu, double mem) {
    }

    /** A running HA resource that may move, with its allowed targets (never its own node). */
    public record Candidate(String sid, String source, GuestUsage usage, List<String> targets) {
    }

    /** The chosen move and the imbalance expected after it. */
    public record Move(String sid, String source, String target, double imbalance) {
    }

    /**
     * The {@code crs} option of datacenter.cfg as the CRM reads it: threshold and margin
     * as fractions (the file holds percent, pve-cluster 9.1.5 on), defaults of 5.2.0.
     */
    public record Settings(String mode, boolean autoRebalance, double threshold, double holdDuration,
                           double margin, String method) {

        public static final Settings DEFAULT = new Settings("basic", false, 0.30, 3, 0.10, "bruteforce");

        /** Parses a stored (already validated) {@code crs} value; null means the defaults. */
        public static Settings parse(String crs) {
            if (crs == null || crs.isBlank()) {
                return DEFAULT;
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : crs.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    kv.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
            String mode = kv.getOrDefault("ha", "basic");
            boolean auto = kv.containsKey("ha-auto-rebalance")
                    && kv.get("ha-auto-rebalance").toLowerCase(Locale.ROOT).matches("1|on|yes|true");
            return new Settings(mode.isEmpty() ? "basic" : mode, auto,
                    percent(kv.get("ha-auto-rebalance-threshold"), DEFAULT.threshold()),
                    number(kv.get("ha-auto-rebalance-hold-duration"), DEFAULT.holdDuration()),
                    percent(kv.get("ha-auto-rebalance-margin"), DEFAULT.margin()),
                    kv.getOrDefault("ha-auto-rebalance-method", DEFAULT.method()));
        }

        private static double percent(String v, double fallback) {
            return v == null ? fallback : Double.parseDouble(v) / 100;
        }

        private static double number(String v, double fallback) {
            return v == null ? fallback : Double.parseDouble(v);
        }
    }

    /** Coefficient of variation of the loads over √(n−1): 0..1. */
    public static double imbalance(Collection<Double> loads) {
        int n = loads.size();
        if (n < 2) {
            return 0;
        }
        double mean = loads.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (mean <= 0) {
            return 0;
        }
        double var = loads.stream().mapToDouble(l -> (l - mean) * (l - mean)).sum() / n;
        return Math.sqrt(var) / mean / Math.sqrt(n - 1);
    }

    /** The imbalance of nodes by their usage. */
    public static double imbalanceOf(Map<String, NodeUsage> nodes) {
        List<Double> loads = new ArrayList<>();
        nodes.values().forEach(u -> loads.add(u.load()));
        return imbalance(loads);
    }

    /**
     * The move with the lowest imbalance afterwards, empty without candidates. Targets not
     * among {@code nodes} are skipped.
     */
    public static Optional<Move> bruteforce(Map<String, NodeUsage> nodes, List<Candidate> candidates) {
        Move best = null;
        for (Candidate c : candidates) {
            if (!nodes.containsKey(c.source())) {
                continue;
            }
            for (String target : c.targets()) {
                if (target.equals(c.source()) || !nodes.containsKey(target)) {
                    continue;
                }
                Map<String, NodeUsage> after = new LinkedHashMap<>(nodes);
                after.put(c.source(), nodes.get(c.source()).plus(c.usage(), -1));
                after.put(target, nodes.get(target).plus(c.usage(), 1));
                double imbalance = imbalanceOf(after);
                if (best == null || imbalance < best.imbalance()) {
                    best = new Move(c.sid(), c.source(), target, imbalance);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether a move from {@code before} to {@code after} is worth it: the relative
     * improvement reaches the margin (a fraction).
     */
    public static boolean worthIt(double before, double after, double margin) {
        return before > 0 && (before - after) / before >= margin;
    }
}
