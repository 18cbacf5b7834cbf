package io.pvebench.guest;

/**
 * The size a load is scaled to.
 *
 * @param cores       vCPUs
 * @param memoryBytes configured memory
 */
public record GuestSize(int cores, long memoryBytes) {

    public GuestSize {
        if (cores < 1 || memoryBytes < 1) {
            throw new IllegalArgumentException("a guest has at least one vCPU and some memory: " + cores + ", "
                    + memoryBytes);
        }
    }
}
