package io.pvebench.report.timeline;

/**
 * The charts a case can have, each of one metric's series: what it is called, which
 * metric it draws, and the unit its value axis shows.
 */
public enum ChartKind {
    THROUGHPUT("throughput", "throughput_interval", "throughput per iperf3 interval", "Throughput", "bit/s",
            "Gbit/s", 1e-9),
    RTT("rtt", "rtt", "round-trip time per echo reply", "RTT", "ms", "ms", 1),
    NODE_CPU("node-cpu", "node_cpu", "node CPU", "CPU of all the node's cores", "%", "%", 1),
    VM_CPU("vm-cpu", "vm_cpu", "VM CPU", "CPU of the VM's vCPUs", "%", "%", 1);

    private final String fileStem;
    private final String metric;
    private final String title;
    private final String quantity;
    private final String sampleUnit;
    private final String axisUnit;
    private final double scale;

    ChartKind(String fileStem, String metric, String title, String quantity, String sampleUnit, String axisUnit,
              double scale) {
        this.fileStem = fileStem;
        this.metric = metric;
        this.title = title;
        this.quantity = quantity;
        this.sampleUnit = sampleUnit;
        this.axisUnit = axisUnit;
        this.scale = scale;
    }

    /** The PNG's name in the case's folder ({@code throughput.png}). */
    public String fileName() {
        return fileStem + ".png";
    }

    /** The metric whose series the chart draws. */
    public String metric() {
        return metric;
    }

    /** What a person reads above the chart, after the case id. */
    public String title() {
        return title;
    }

    /** The value axis' label, with its unit ({@code Throughput (Gbit/s)}). */
    public String axisLabel() {
        return quantity + " (" + axisUnit + ")";
    }

    /** The unit the metric's samples are in; series in another unit are not drawn. */
    public String sampleUnit() {
        return sampleUnit;
    }

    /** The value axis' unit. */
    public String axisUnit() {
        return axisUnit;
    }

    /** A sample's value times this is its value in {@link #axisUnit()}. */
    public double scale() {
        return scale;
    }
}
