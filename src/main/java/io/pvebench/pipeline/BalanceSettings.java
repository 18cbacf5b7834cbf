package io.pvebench.pipeline;

import io.pvebench.balance.BalancerKind;
import io.pvebench.balance.CrsSettings;
import io.pvebench.balance.ScoreSettings;
import io.pvebench.balance.ThresholdPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Automatic balancing as the subject of every case (the pipeline's {@code balance:}): before
 * the load, the spec's VMs are gathered on {@link #startOn} (made HA resources if asked), so
 * the load makes one node busy and the other idle; after the warm-up the balancer is watched
 * for {@link #watch}, a snapshot of the cluster every {@link #every}, and scored.
 *
 * @param balancer which balancer acts: PVE 9.2's own ({@code native}: the cluster's {@code crs}
 *                 option is set to {@link #crs} for the case and put back after), pvebench's
 *                 {@link #policy} ({@code threshold}), or one outside pvebench ({@code observe})
 * @param startOn  the node the VMs are gathered on; empty: the first node of the cluster
 * @param watch    how long the balancer is watched, after the load's warm-up
 * @param every    how often the cluster is read (and the threshold policy plans)
 * @param ha       make the VMs HA resources for the case (the native CRS moves only those)
 * @param crs      the native balancer's settings
 * @param policy   the threshold policy's settings
 * @param score    what counts as balanced and as thrash
 */
public record BalanceSettings(BalancerKind balancer, Optional<String> startOn, Duration watch, Duration every,
                              boolean ha, CrsSettings crs, ThresholdPolicy policy, ScoreSettings score) {

    public BalanceSettings {
        Objects.requireNonNull(balancer, "balancer");
        Objects.requireNonNull(startOn, "startOn");
        Objects.requireNonNull(watch, "watch");
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(crs, "crs");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(score, "score");
        if (every.isZero() || every.isNegative() || watch.compareTo(every) < 0) {
            throw new IllegalArgumentException("need 0 < every <= watch: " + every + ", " + watch);
        }
    }

    /** The settings for a case of {@code variant}: its balancer settings, where it has any, over these. */
    public BalanceSettings forVariant(Variant variant) {
        if (variant == null || variant.balance() == null) {
            return this;
        }
        BalanceVariant v = variant.balance();
        CrsSettings c = new CrsSettings(crs.autoRebalance(), crs.mode(), v.threshold().orElse(crs.thresholdPercent()),
                v.hold().filter(h -> h.duration() == null).map(io.pvebench.balance.Hold::rounds)
                        .orElse(crs.holdRounds()), v.margin().orElse(crs.marginPercent()), crs.method());
        ThresholdPolicy p = new ThresholdPolicy(policy.metric(), v.threshold().orElse(policy.thresholdPercent()),
                v.margin().orElse(policy.marginPercent()), v.hold().filter(h -> h.duration() != null)
                .orElse(policy.hold()), policy.cooldown(), policy.noReturn(), policy.maxConcurrent(), policy.scope());
        return new BalanceSettings(balancer, startOn, watch, every, ha, c, p, score);
    }

    /** What a sweep compares: the acting balancer's threshold, hold and margin. */
    public io.pvebench.balance.SweepSetting sweepSetting() {
        return balancer == BalancerKind.NATIVE_CRS
                ? new io.pvebench.balance.SweepSetting(balancer, crs.thresholdPercent(),
                crs.holdRounds() > 0 ? io.pvebench.balance.Hold.rounds(crs.holdRounds())
                        : io.pvebench.balance.Hold.lasting(Duration.ZERO), crs.marginPercent())
                : new io.pvebench.balance.SweepSetting(balancer, policy.thresholdPercent(), policy.hold(),
                policy.marginPercent());
    }
}
