package io.pvebench.pipeline;

/**
 * A level of load inside one VM, relative to its size so one profile fits every VM spec.
 *
 * @param cpuPercent    the guest CPU use aimed at, as a share of all its vCPUs, 0..100
 * @param memoryPercent share of the VM's memory allocated and held (touched once, then kept), 0..90
 * @param ioWorkers     workers writing and reading files on the guest's disk; their writes also
 *                      dirty the guest's page cache, which is what a live migration must copy again
 */
public record LoadLevel(double cpuPercent, double memoryPercent, int ioWorkers) {

    /** Nothing running. */
    public static final LoadLevel NONE = new LoadLevel(0, 0, 0);

    public LoadLevel {
        if (cpuPercent < 0 || cpuPercent > 100) {
            throw new IllegalArgumentException("cpu must be 0..100 %: " + cpuPercent);
        }
        if (memoryPercent < 0 || memoryPercent > 90) {
            throw new IllegalArgumentException("memory must be 0..90 %: " + memoryPercent);
        }
        if (ioWorkers < 0) {
            throw new IllegalArgumentException("io workers cannot be negative: " + ioWorkers);
        }
    }

    public boolean isNone() {
        return cpuPercent == 0 && memoryPercent == 0 && ioWorkers == 0;
    }
}
