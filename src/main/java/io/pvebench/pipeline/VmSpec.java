package io.pvebench.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * A VM size under test and the two VMs that have it.
 *
 * @param name        {@code [a-z0-9][a-z0-9-]*}, unique in its pipeline
 * @param cores       vCPUs, 1..512
 * @param memoryBytes memory in bytes (a whole number of MiB when the VMs are cloned)
 * @param source      existing VMs, or clones of a template
 */
public record VmSpec(String name, int cores, long memoryBytes, VmSource source) {

    public VmSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }

    /** A spec of two existing VMs: the first serves, the second is the client. */
    public VmSpec(String name, int cores, long memoryBytes, List<Integer> vms) {
        this(name, cores, memoryBytes, new ListedVms(vms));
    }

    /** Whether the run makes this spec's VMs from a template (and removes them). */
    public boolean cloned() {
        return source instanceof TemplateClones;
    }
}
