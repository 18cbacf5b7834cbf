package io.pvebench.sim.command;

/**
 * What an API call that forked a worker gives {@code pvesh}: pvesh runs in a CLI
 * environment, so the worker runs synchronously and its output (stdout, and the error or
 * warning count on stderr, see {@link TaskRunner}) comes first; then pvesh prints the
 * call's result, the UPID. pvesh itself exits 0 whatever the task's end (it has no
 * {@code $upid_exit} like {@code qm}). A synchronous call that forked nothing has a null
 * {@code upid}: only its output is printed.
 */
record WorkerOutput(Reply output, String upid) {

    /** {@code formattedUpid} is the result as pvesh formats it; ignored when no worker was forked ({@code upid} null). */
    Reply print(String formattedUpid) {
        return new Reply(output.stdout() + (upid == null ? "" : formattedUpid), output.stderr(), 0);
    }
}
