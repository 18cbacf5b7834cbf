package io.pvebench.ha;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Predicts, for every HA VM and every node whose failure affects it, whether and how Proxmox VE's
 * HA stack recovers it (pve-ha-manager 5.2.0, commit b71218f; see the package description).
 * Stateless and thread-safe.
 *
 * <p>For each online node taken as failing:
 * <ol>
 *   <li>a VM HA does not run is not recovered: requested state {@code ignored} (not managed),
 *       {@code stopped} or {@code disabled} (kept stopped), CRM state {@code error} or
 *       {@code freeze};</li>
 *   <li>a disarmed (or disarming) HA stack fences and recovers nothing (PVE-CURRENT.md 2.4); with
 *       fencing on standby no CRM is master to do it;</li>
 *   <li>the surviving nodes must keep quorum ({@link QuorumAfterFailure}); without it nothing is
 *       recovered, and survivors holding a watchdog fence themselves, taking their own HA VMs
 *       down, which is why a VM is also listed under the failure of another node;</li>
 *   <li>a disk on a local (non-shared) storage exists only on the failed node: the start fails on
 *       every other node;</li>
 *   <li>the target is chosen by {@link RecoveryPlacement} in SID order, each recovery counting
 *       for the next; where the start fails (a storage the node lacks, not enough free memory)
 *       the CRM relocates to the next node, at most {@code max_relocate} times, then leaves the
 *       VM in {@code error}.</li>
 * </ol>
 * Not modelled: storage replication (a replicated local disk is treated as lost), the shutdown
 * policy (this is a crash, not a shutdown), {@code LastManStanding}/{@code AutoTieBreaker},
 * containers, and whether QEMU actually refuses to start when memory is short (treated as a
 * failed start, flagged as uncertain).
 */
public final class FailoverPredictor {

    /** Every prediction: failed nodes in the facts' order, VMs by SID within each. */
    public List<FailoverPrediction> predict(HaFacts facts) {
        List<FailoverPrediction> out = new ArrayList<>();
        List<HaVm> vms = facts.vms().stream().sorted(Comparator.comparing(HaVm::sid)).toList();
        for (HaNode failing : facts.nodes()) {
            if (failing.online()) {
                out.addAll(predictFailureOf(facts, failing.name(), vms));
            }
        }
        return List.copyOf(out);
    }

    private List<FailoverPrediction> predictFailureOf(HaFacts facts, String failed, List<HaVm> vms) {
        List<FailoverPrediction> out = new ArrayList<>();
        QuorumAfterFailure quorum = QuorumAfterFailure.of(facts, failed);
        List<SurvivorFate> fates = quorum.survivors();
        RecoveryPlacement placement = new RecoveryPlacement(facts, failed);
        for (HaVm vm : vms) {
            boolean onFailed = vm.node().equals(failed);
            if (!onFailed && !quorum.selfFences(vm.node())) {
                continue; // its node survives and keeps running it
            }
            Optional<String> notRunByHa = notRunByHa(vm, facts.arming());
            if (onFailed && notRunByHa.isPresent()) {
                out.add(FailoverPrediction.none(failed, vm.sid(), notRunByHa.get(), Optional.empty(), fates));
                continue;
            }
            if (!onFailed) {
                if (vm.requestedState().equals("stopped") || vm.requestedState().equals("disabled")) {
                    continue; // nothing runs that the reset could take down
                }
                out.add(FailoverPrediction.none(failed, vm.sid(), "its node " + vm.node() + " loses quorum and fences "
                        + "itself (" + quorum.reason() + "), so " + vm.sid() + " goes down and nothing recovers it",
                        Optional.empty(), fates));
                continue;
            }
            Optional<String> stackDown = stackCannotRecover(facts.arming());
            if (stackDown.isPresent()) {
                out.add(FailoverPrediction.none(failed, vm.sid(), stackDown.get(),
                        facts.arming().state() == Arming.State.STANDBY
                                ? Optional.of("a CRM may still become master once the old manager lock expires")
                                : Optional.empty(), fates));
                continue;
            }
            if (!quorum.quorate()) {
                out.add(FailoverPrediction.none(failed, vm.sid(), quorum.reason(), Optional.empty(), fates));
                continue;
            }
            Optional<String> localDisk = localDisk(facts, vm);
            if (localDisk.isPresent()) {
                out.add(FailoverPrediction.none(failed, vm.sid(), localDisk.get(), Optional.empty(), fates));
                continue;
            }
            out.add(place(facts, failed, vm, placement, fates));
        }
        return out;
    }

    private static Optional<String> notRunByHa(HaVm vm, Arming arming) {
        return switch (vm.requestedState()) {
            case "ignored" -> Optional.of("resource state is 'ignored': HA does not manage it");
            case "stopped", "disabled" -> Optional.of("resource state is '" + vm.requestedState()
                    + "': HA keeps it stopped, nothing to restart");
            default -> switch (vm.crmState()) {
                case "error" -> Optional.of("HA has it in 'error' state: nothing happens until an admin clears it");
                case "freeze" -> arming.state() == Arming.State.DISARMED || arming.state() == Arming.State.DISARMING
                        ? Optional.of(disarmed(arming))
                        : Optional.of("HA has it frozen ('freeze'): it is not recovered while frozen");
                default -> Optional.empty();
            };
        };
    }

    private static Optional<String> stackCannotRecover(Arming arming) {
        return switch (arming.state()) {
            case DISARMED, DISARMING -> Optional.of(disarmed(arming));
            case STANDBY -> Optional.of("fencing is on standby: no CRM is active as master to fence and recover");
            case ARMED, NOT_REPORTED -> Optional.empty();
        };
    }

    private static String disarmed(Arming arming) {
        return "HA is " + arming.state().name().toLowerCase(java.util.Locale.ROOT)
                + arming.resourceMode().map(m -> " (resource mode " + m + ")").orElse("")
                + ": nothing is fenced or recovered";
    }

    private static Optional<String> localDisk(HaFacts facts, HaVm vm) {
        for (VmDisk d : vm.disks()) {
            HaStorage s = facts.storage(d.storage());
            if (!s.shared()) {
                return Optional.of("disk " + d.drive() + " is on local storage " + s.id() + " of " + vm.node());
            }
        }
        return Optional.empty();
    }

    private static FailoverPrediction place(HaFacts facts, String failed, HaVm vm, RecoveryPlacement placement,
                                            List<SurvivorFate> fates) {
        Set<String> tried = new HashSet<>();
        List<String> failures = new ArrayList<>();
        boolean memoryOnly = true;
        Optional<String> uncertainty = Optional.empty();
        for (int attempt = 0; attempt <= vm.maxRelocate(); attempt++) {
            RecoveryPlacement.Choice choice = placement.choose(vm, tried);
            if (choice.node().isEmpty()) {
                String reason = failures.isEmpty() ? choice.why()
                        : startFailures(failures, memoryOnly, vm) + "; then " + choice.why();
                return FailoverPrediction.none(failed, vm.sid(), reason, uncertainty, fates);
            }
            String node = choice.node().get();
            uncertainty = uncertainty.or(choice::uncertainty);
            Optional<StartFailure> cannotStart = cannotStart(facts, vm, node, placement);
            if (cannotStart.isEmpty()) {
                placement.land(vm, node);
                String reason = choice.why() + (failures.isEmpty() ? "" : "; after " + startFailures(failures,
                        memoryOnly, vm)) + (facts.quorum().twoNode() ? "; corosync two_node keeps the lone node quorate,"
                        + " which pve-ha-manager's README calls unsafe for self-fencing" : "");
                return FailoverPrediction.restarts(failed, vm.sid(), node, RecoveryWindow.after(
                        facts.crmMaster().filter(failed::equals).isPresent(), vm.boot(), failures.size(),
                        vm.maxRestart()), reason, uncertainty, fates);
            }
            tried.add(node);
            failures.add(node + " (" + cannotStart.get().why() + ")");
            memoryOnly &= cannotStart.get().memory();
            if (cannotStart.get().memory()) {
                uncertainty = Optional.of("a start with too little free memory is assumed to fail;"
                        + " the kernel may overcommit instead");
            }
        }
        return FailoverPrediction.none(failed, vm.sid(), startFailures(failures, memoryOnly, vm)
                + "; after max_relocate " + vm.maxRelocate() + " it stays in 'error'", uncertainty, fates);
    }

    private static String startFailures(List<String> failures, boolean memoryOnly, HaVm vm) {
        return (memoryOnly ? "no surviving node it may use has " + Gib.of(vm.memory()) + " free: " : "")
                + "start fails on " + String.join(", then ", failures);
    }

    /** Why a start on a node fails, and whether it is for memory (which pvebench only assumes). */
    private record StartFailure(String why, boolean memory) {
    }

    private static Optional<StartFailure> cannotStart(HaFacts facts, HaVm vm, String node,
                                                      RecoveryPlacement placement) {
        for (VmDisk d : vm.disks()) {
            HaStorage s = facts.storage(d.storage());
            if (!s.reachableFrom(node, vm.node())) {
                return Optional.of(new StartFailure("disk " + d.drive() + " is on storage " + s.id() + ", which " + node
                        + " does not have", false));
            }
        }
        long free = placement.free(node);
        if (free < vm.memory()) {
            return Optional.of(new StartFailure(Gib.of(free) + " free, " + vm.sid() + " needs " + Gib.of(vm.memory()),
                    true));
        }
        return Optional.empty();
    }
}
