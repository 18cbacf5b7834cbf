package io.pvebench.pipeline;

/**
 * Where the two VMs of a spec come from: VMs that already exist ({@code vms: [101, 102]})
 * or full clones of a template that the run makes and removes ({@code template: 9000}).
 */
public sealed interface VmSource permits ListedVms, TemplateClones {

    /** One phrase for plans and logs: {@code VMs [101, 102]}, {@code clones of template 9000}. */
    String describe();
}
