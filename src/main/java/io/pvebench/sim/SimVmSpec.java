package io.pvebench.sim;

import java.util.Objects;

/**
 * One VM of the twin at start: where it runs and how big it is. Memory in bytes.
 */
public record SimVmSpec(int vmid, String name, String node, int cores, long memoryBytes) {

    public SimVmSpec {
        if (vmid < 100 || vmid > 999_999_999) {
            throw new IllegalArgumentException("vmid must be 100..999999999: " + vmid);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1: " + cores);
        }
        if (memoryBytes < 16L * 1024 * 1024) {
            throw new IllegalArgumentException("memoryBytes too small: " + memoryBytes);
        }
    }
}
