package io.pvebench.balance;

/** Which balancer a sweep setting configures. */
public enum BalancerKind {
    /** PVE 9.2's CRS auto-rebalance, set through {@code /cluster/options}. */
    NATIVE_CRS("native CRS"),
    /** An external balancer such as ProxLB, run as the user configures it. */
    EXTERNAL("external balancer"),
    /** pvebench's own {@link ThresholdPolicy}. */
    THRESHOLD_POLICY("pvebench threshold policy");

    private final String label;

    BalancerKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
