/**
 * Automatic balancing as a subject under test: the cluster's load at an instant
 * ({@link io.pvebench.balance.ClusterSnapshot}), the formulas of Proxmox VE 9.2's cluster
 * resource scheduler ({@link io.pvebench.balance.Crs}: node load, imbalance normalised to
 * [0, 1] and the raw coefficient of variation older builds print), pvebench's own
 * {@link io.pvebench.balance.ThresholdPolicy} for clusters without a balancer (sustained
 * overload, hysteresis, cooldown, no-return, concurrency, headroom), a
 * {@link io.pvebench.balance.CrsPredictor} of what the native auto-rebalance does by its
 * documented rule, one {@link io.pvebench.balance.BalanceScore} for every balancer (imbalance,
 * time to balance, migrations, thrash, disturbance), and the ranking of threshold sweeps
 * ({@link io.pvebench.balance.SweepRanking}).
 *
 * <p>Everything here is pure and deterministic: snapshots and migrations in, plans,
 * predictions and scores out; no I/O and no clock (time arrives as the snapshots' instants).
 * Values are immutable records; classes are stateless or immutable and thread-safe. Loads and
 * imbalances are fractions (0.4); thresholds and margins are percent (30), as in PVE 9.2's
 * {@code crs} options. The formulas and the native rule come from
 * {@code shared/reference/PVE-CURRENT.md} section 3.3; what it leaves open is named where it
 * matters (see {@link io.pvebench.balance.CrsPredictor}).
 *
 * <p>Must never import SSH ({@code io.pvebench.ssh}, JSch, sshd), the twin, Camel, Allure,
 * stages, the command line or reporting: reading a cluster and starting migrations is the
 * stage's business, showing results the report's. {@code ArchitectureTest} holds this.
 */
package io.pvebench.balance;
