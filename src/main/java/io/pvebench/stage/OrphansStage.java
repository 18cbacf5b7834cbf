package io.pvebench.stage;

import io.pvebench.pipeline.ListedVms;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.proxmox.ClusterResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds, at the start of every run, the VMs an earlier run made and did not remove (it
 * crashed or was killed): VMs tagged {@code pvebench} whose run tag is not this run's. Only
 * when the cluster allows it ({@code cleanup: orphans} in the cluster file; always on the
 * twin) are they stopped and destroyed; otherwise they are listed as a warning on the
 * console and in the environment ({@code orphans}), and left alone. A VM without the
 * {@code pvebench} tag is never touched, nor a template, nor a VM this pipeline lists as
 * one of its own. A removal that fails is a warning, not a reason to stop the run.
 */
public final class OrphansStage {

    public static final String NAME = "orphans";

    public void run(RunContext run) {
        run.shell().enter("run", NAME);
        String ours = RunTags.of(run.info().runId());
        Set<Integer> listed = listedVms(run.pipeline().vmSpecs());
        List<ClusterResource> orphans = run.cluster().resources().stream()
                .filter(r -> r.isVm() && RunTags.marked(r.tagList()) && !r.tagList().contains(ours))
                .filter(r -> !r.isTemplate() && !listed.contains(r.vmid()))
                .toList();
        if (orphans.isEmpty()) {
            return;
        }
        String found = orphans.stream().map(OrphansStage::describe).collect(Collectors.joining(", "));
        Map<String, String> facts = new LinkedHashMap<>();
        if (!run.pipeline().cluster().removesOrphans()) {
            run.warn(NAME, orphans.size() + " VM(s) left by an earlier pvebench run, not removed: " + found
                    + "; set 'cleanup: orphans' in the cluster file to have a run remove them, or remove them yourself");
            facts.put("orphans", found + " (left in place)");
            run.publishEnvironment(facts);
            return;
        }
        List<String> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ClusterResource orphan : orphans) {
            run.notice(NAME, "removing " + describe(orphan));
            try {
                VmRemoval.remove(run, NAME, orphan);
                removed.add(describe(orphan));
            } catch (RuntimeException e) {
                String why = "could not remove " + describe(orphan) + ": " + Faults.describe(e);
                run.warn(NAME, why);
                failed.add(why);
            }
        }
        if (!removed.isEmpty()) {
            facts.put("orphans.removed", String.join(", ", removed));
        }
        if (!failed.isEmpty()) {
            facts.put("orphans", String.join("; ", failed));
        }
        run.publishEnvironment(facts);
    }

    private static Set<Integer> listedVms(List<VmSpec> specs) {
        Set<Integer> ids = new HashSet<>();
        for (VmSpec spec : specs) {
            if (spec.source() instanceof ListedVms listed) {
                ids.addAll(listed.vmids());
            }
        }
        return ids;
    }

    /** {@code vm 120 'pvebench-small-1' on pve1 (run demo-20261125-101500-00ff, running)}. */
    private static String describe(ClusterResource vm) {
        String runTag = RunTags.runTagIn(vm.tagList());
        return "vm " + vm.vmid() + " '" + vm.name() + "' on " + vm.node() + " ("
                + (runTag == null ? "no run tag" : "run " + runTag.substring("pvebench-run-".length())) + ", "
                + vm.status() + ")";
    }
}
