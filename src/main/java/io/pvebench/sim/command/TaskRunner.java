package io.pvebench.sim.command;

import io.pvebench.sim.model.Task;

/**
 * Runs a task the way a Proxmox CLI ({@code qm start}, {@code qm clone}, ...) does: the
 * worker runs synchronously, its log lines go to stdout as well as to the task log, and
 * the end marker only to the log (pve-common {@code RESTEnvironment.pm},
 * {@code $tee_worker}): {@code TASK OK} is not printed, an error's message goes to stderr,
 * warnings print {@code Task finished with N warning(s)!} on stderr. With
 * {@code upidExit} the command then exits 255 on error, 0 otherwise (qemu-server
 * {@code CLI/qm.pm} {@code $upid_exit}); commands without it exit 0 either way.
 */
final class TaskRunner {

    /** The code of a task; throws {@link CommandFailure} to die. */
    @FunctionalInterface
    interface Body {
        void run(Task task) throws InterruptedException;
    }

    private TaskRunner() {
    }

    private static final ThreadLocal<Task> LAST = new ThreadLocal<>();

    /** The task the calling thread started last through {@link #cli}, then forgets it; null if none. */
    static Task takeLast() {
        Task task = LAST.get();
        LAST.remove();
        return task;
    }

    static Reply cli(Invocation inv, String type, String id, boolean upidExit, Body body) throws InterruptedException {
        Task task = inv.model().tasks().start(inv.node().name(), type, id, "root@pam", true);
        LAST.set(task);
        try {
            body.run(task);
            task.finish();
        } catch (CommandFailure e) {
            task.fail(e.getMessage());
        } catch (InterruptedException e) {
            task.fail("received interrupt");
            throw e;
        } catch (RuntimeException e) {
            task.fail(String.valueOf(e.getMessage()));
        }
        StringBuilder out = new StringBuilder();
        for (String line : task.output()) {
            out.append(line).append('\n');
        }
        String status = task.exitStatus().orElse("OK");
        if (status.equals("OK")) {
            return new Reply(out.toString(), "", 0);
        }
        if (status.startsWith("WARNINGS: ")) {
            return new Reply(out.toString(), "Task finished with " + task.warnings() + " warning(s)!\n", 0);
        }
        return new Reply(out.toString(), status + "\n", upidExit ? 255 : 0);
    }
}
