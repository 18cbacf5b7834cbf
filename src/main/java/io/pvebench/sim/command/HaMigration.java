package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.HaState;
import io.pvebench.sim.model.Task;

import java.time.Duration;
import java.time.Instant;

/**
 * The one way an HA-managed VM migrates, whoever asks: {@code qm migrate} of an HA VM
 * (through its {@code hamigrate} task, i.e. {@code ha-manager migrate}) and the CRM's
 * automatic rebalancing both end up here.
 *
 * <ol>
 *   <li>{@link #request}: {@code ha-manager migrate vm:ID target} writes a CRM command; the
 *       master's next round ({@link HaCrm}) reads it ({@code got crm command: ...}).</li>
 *   <li>The CRM round sets the service to {@code migrate} and {@link #startLrm hands it to the
 *       source's LRM}, which acts in its own next round (the LRM loop, 10 s, offset per
 *       node as the LRM timestamps in {@code ha-manager status}).</li>
 *   <li>The LRM runs pve-ha-manager {@code PVEVM.pm migrate}: a {@code qmigrate} task
 *       (online, {@code force} and {@code with-local-disks}, never conntrack state) whose log
 *       begins with an unstamped {@code task started by HA resource agent}, then
 *       {@link QmMigrateOnline}; while it runs {@code PVE::HA::Tools::upid_wait} logs
 *       {@code Task '<UPID>' still active, waiting} every 5 s in the LRM's journal, next to
 *       fork_worker's {@code <root@pam> starting task} / {@code end task} lines.</li>
 *   <li>The CRM's next round after the task ended sets the service back to {@code started}
 *       on the target (or on the source after a failure).</li>
 * </ol>
 */
final class HaMigration {

    /** upid_wait's poll interval ({@code PVE::ProcFSTools::upid_wait($upid, $waitfunc, 5)}). */
    private static final Duration UPID_WAIT = Duration.ofSeconds(5);
    /** The LRM's work loop (pve-ha-manager {@code LRM.pm}): a model number of 10 s like the CRM's. */
    static final Duration LRM_ROUND = Duration.ofSeconds(10);

    private HaMigration() {
    }

    /** {@code ha-manager migrate sid target}: queues the CRM command. */
    static void request(ClusterModel model, int vmid, String source, String target) {
        String sid = "vm:" + vmid;
        model.ha(ha -> ha.motions().putIfAbsent(sid,
                new HaState.Motion(source, target, HaState.Phase.QUEUED, false)));
    }

    /**
     * The source LRM's part, on a daemon thread: waits for the LRM's next round, runs the
     * {@code qmigrate} task and reports the result in the HA state. Called by the CRM once it
     * set the service to {@code migrate}. Returns the LRM's thread (interrupt it to stop waiting).
     */
    static Thread startLrm(ClusterModel model, String sid, String source, String target) {
        int vmid = Integer.parseInt(sid.substring(sid.indexOf(':') + 1));
        Thread lrm = new Thread(() -> {
            boolean ok = false;
            try {
                model.clock().sleep(untilNextLrmRound(model, source));
                ok = migrate(model, vmid, source, target);
            } catch (InterruptedException e) {
                // the twin closed
            } finally {
                boolean result = ok;
                model.ha(ha -> {
                    HaState.Motion m = ha.motions().get(sid);
                    if (m != null) {
                        ha.motions().put(sid, m.to(HaState.Phase.DONE, result));
                    }
                    return null;
                });
            }
        }, "sim-ha-lrm-migrate-" + vmid);
        lrm.setDaemon(true);
        lrm.start();
        return lrm;
    }

    /** Model time until the LRM of {@code node} starts its next round (strictly after now). */
    static Duration untilNextLrmRound(ClusterModel model, String node) {
        Instant now = model.clock().now();
        int offset = (model.node(node).nodeId() * 3) % 10;
        long period = LRM_ROUND.toMillis();
        long ms = now.toEpochMilli();
        long next = Math.floorDiv(ms - offset * 1000L, period) * period + offset * 1000L + period;
        return Duration.ofMillis(next - ms);
    }

    /** PVEVM.pm {@code migrate}: the qmigrate worker, waited for as upid_wait does; true when the VM moved. */
    private static boolean migrate(ClusterModel model, int vmid, String source, String target)
            throws InterruptedException {
        if (!model.running(vmid) || !source.equals(model.nodeOf(vmid))) {
            return false;
        }
        Task task = model.tasks().spawn(source, "qmigrate", Integer.toString(vmid), "root@pam", t -> {
            t.log("task started by HA resource agent");
            new QmMigrateOnline(model, t, vmid, source, target).run(0, true, false);
        });
        String upid = task.upid().text();
        model.log(source, "pve-ha-lrm", "pve-ha-lrm", "<root@pam> starting task " + upid);
        while (!task.awaitEnd(UPID_WAIT)) {
            model.log(source, "pve-ha-lrm", "pve-ha-lrm", "Task '" + upid + "' still active, waiting");
        }
        String status = task.exitStatus().orElse("unexpected status");
        model.log(source, "pve-ha-lrm", "pve-ha-lrm", "<root@pam> end task " + upid + " " + status);
        return target.equals(model.nodeOf(vmid));
    }
}
