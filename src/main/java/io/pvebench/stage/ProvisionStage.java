package io.pvebench.stage;

import io.pvebench.guest.GuestVm;
import io.pvebench.pipeline.TemplateClones;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.proxmox.ClusterPort;
import io.pvebench.proxmox.ClusterResource;
import io.pvebench.proxmox.VmDisks;
import io.pvebench.proxmox.VmPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the VMs of every spec that clones a template, once per run, before preflight checks
 * them like listed ones. Per VM (server, then client): a free id from {@code
 * /cluster/nextid}, its removal written in the run's {@link UndoLedger} <em>before</em>
 * anything is made, a full clone named {@code pvebench-<spec>-<1|2>} on the template's node,
 * its size and tags ({@code pvebench}, {@code pvebench-run-<run id>}), then its node, then a
 * start; finally it waits until both guest agents answer. The ledger is undone when the run
 * ends, whatever happened ({@link DeprovisionStage}).
 *
 * <p>Full clones, never linked ones: a linked clone reads through the template's base
 * volume, so its disk would not be the disk of a VM of its own, and it cannot leave a node
 * whose storage is local. Placement follows qemu-server's rules ({@code clone_vm}): {@code
 * --target} only when every drive of the template is on shared storage; otherwise the clone
 * is made on the template's node and moved with an offline {@code qm migrate}, which copies
 * its local disks. The clone is tagged before it moves or starts, so a crash leaves a VM the
 * next run recognises (only a crash between clone and tag leaves one it cannot). Throws
 * {@link ProvisionException} naming the spec and the step that failed.
 */
public final class ProvisionStage {

    public static final String NAME = "provision";
    /** How often the guest agent is asked whether it runs, in cluster time. */
    private static final Duration AGENT_POLL = Duration.ofSeconds(2);

    public void run(RunContext run) {
        run.shell().enter("run", NAME);
        for (VmSpec spec : run.pipeline().vmSpecs()) {
            if (spec.source() instanceof TemplateClones clones) {
                run.checkNotStopped();
                provision(run, spec, clones);
            }
        }
    }

    private void provision(RunContext run, VmSpec spec, TemplateClones clones) {
        ClusterPort cluster = run.cluster();
        VmPort vms = run.vms();
        List<ClusterResource> resources = cluster.resources();
        ClusterResource template = resources.stream()
                .filter(r -> r.isVm() && Integer.valueOf(clones.template()).equals(r.vmid())).findFirst()
                .orElseThrow(() -> new ProvisionException(spec, "template " + clones.template()
                        + " is not in /cluster/resources"));
        if (!template.isTemplate()) {
            throw new ProvisionException(spec, "vm " + clones.template() + " is not a template (make it one with "
                    + "'qm template " + clones.template() + "' once it is ready to be copied)");
        }
        String source = template.node();
        List<String> nodes = clones.nodes().isEmpty() ? defaultNodes(source, cluster.nodes()) : clones.nodes();
        Set<String> shared = resources.stream().filter(r -> "storage".equals(r.type()) && Boolean.TRUE.equals(r.shared()))
                .map(ClusterResource::storage).filter(Objects::nonNull).collect(Collectors.toSet());
        boolean movable = VmDisks.allOnShared(vms.vmConfig(source, clones.template()), shared);
        List<String> tags = RunTags.forRun(run.info().runId());

        List<GuestVm> made = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            run.checkNotStopped();
            String name = "pvebench-" + spec.name() + "-" + (i + 1);
            GuestVm vm = new GuestVm(vms.nextVmid(), nodes.get(i));
            String runTag = RunTags.of(run.info().runId());
            run.ledger().record("vm " + vm.vmid() + " '" + name + "' of spec '" + spec.name() + "'",
                    () -> VmRemoval.removeIfPresent(run, DeprovisionStage.NAME, vm.vmid(),
                            r -> name.equals(r.name()) || r.tagList().contains(runTag), "the one this run made"));
            step(spec, "cloning template " + clones.template() + " to vm " + vm.vmid(), () -> {
                boolean direct = vm.node().equals(source) || movable;
                run.notice(NAME, "cloning template " + clones.template() + " on " + source + " to vm " + vm.vmid()
                        + " '" + name + "'" + (direct ? " on " + vm.node() : ""));
                vms.cloneVm(source, clones.template(), vm.vmid(), name, direct ? vm.node() : null);
                vms.configureVm(direct ? vm.node() : source, vm.vmid(), spec.cores(), spec.memoryBytes() >> 20,
                        tags);
                if (!direct) {
                    run.notice(NAME, "moving vm " + vm.vmid() + " to " + vm.node()
                            + " (offline migration: the template's disks are on local storage)");
                    vms.migrateStoppedVm(source, vm.vmid(), vm.node());
                }
                vms.startVm(vm.node(), vm.vmid());
            });
            made.add(vm);
        }
        for (GuestVm vm : made) {
            awaitAgent(run, spec, vm);
        }
        run.provisioned(spec.name(), made);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("vmSpec." + spec.name() + ".clones", made.get(0) + " <- " + made.get(1) + " (template "
                + clones.template() + ", tags " + String.join(";", tags) + ")");
        run.publishEnvironment(facts);
        run.notice(NAME, "spec '" + spec.name() + "': " + made.get(0) + " serves, " + made.get(1) + " is the client, "
                + spec.cores() + " vCPU, " + (spec.memoryBytes() >> 20) + " MiB, guest agents answer");
    }

    /** The template's node for the server, the next node of the cluster for the client. */
    static List<String> defaultNodes(String templateNode, List<String> clusterNodes) {
        int at = clusterNodes.indexOf(templateNode);
        String next = at < 0 ? templateNode : clusterNodes.get((at + 1) % clusterNodes.size());
        return List.of(templateNode, next);
    }

    private static void step(VmSpec spec, String what, Runnable work) {
        try {
            work.run();
        } catch (RunStoppedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProvisionException(spec, what + " failed: " + Faults.describe(e), e);
        }
    }

    /** Asks the guest agent until it answers, for at most the pipeline's provision timeout in cluster time. */
    private static void awaitAgent(RunContext run, VmSpec spec, GuestVm vm) {
        Duration limit = run.pipeline().provisionTimeout();
        Instant deadline = run.clusterClock().now().plus(limit);
        while (true) {
            run.checkNotStopped();
            boolean answers;
            try {
                answers = run.vms().guestAgentAnswers(vm.node(), vm.vmid());
            } catch (RuntimeException e) {
                throw new ProvisionException(spec, "asking the guest agent of " + vm + " failed: "
                        + Faults.describe(e), e);
            }
            if (answers) {
                return;
            }
            if (!run.clusterClock().now().isBefore(deadline)) {
                throw new ProvisionException(spec, "the guest agent of " + vm + " did not answer within "
                        + limit.toSeconds() + " s of its start (is qemu-guest-agent installed and enabled in the "
                        + "template, and 'agent: 1' in its config?)");
            }
            try {
                run.clusterClock().sleep(AGENT_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvisionException(spec, "interrupted while waiting for the guest agent of " + vm, e);
            }
        }
    }
}
