package io.pvebench.balance;

/** Which figure of a node the threshold policy watches; every value is a fraction of the node's capacity. */
public enum LoadMetric {
    /** CPU used ÷ CPU count. */
    CPU("CPU"),
    /** Memory used ÷ memory total. */
    MEMORY("memory"),
    /** The CRS node load: the mean of the two above ({@link Crs#nodeLoad}). */
    CRS_LOAD("CRS load");

    private final String label;

    LoadMetric(String label) {
        this.label = label;
    }

    /** The metric's value for {@code node}, a fraction (0.7 for 70 %). */
    public double of(NodeLoad node) {
        return switch (this) {
            case CPU -> node.cpuFraction();
            case MEMORY -> node.memoryFraction();
            case CRS_LOAD -> Crs.nodeLoad(node);
        };
    }

    /** How reasons and reports name it ({@code CPU}, {@code memory}, {@code CRS load}). */
    public String label() {
        return label;
    }
}
