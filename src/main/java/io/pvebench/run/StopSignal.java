package io.pvebench.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop a run early (Ctrl-C, SIGTERM, a CI abort), and the run's answer
 * that it has stopped. The run checks {@link #requested()} before each stage: the case
 * in flight breaks with the reason, its teardown still runs, the cases not yet started
 * are marked not run, and the reports are written. Thread-safe.
 */
public final class StopSignal {

    private volatile String reason;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Asks the run to stop; the first reason wins. */
    public synchronized void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean requested() {
        return reason != null;
    }

    /** Why the run was asked to stop, or null. */
    public String reason() {
        return reason;
    }

    /** Called once by the runner when the run's results are on disk. */
    public void finished() {
        finished.countDown();
    }

    /** Waits until the run has finished or {@code limit} has passed; true if it finished. */
    public boolean awaitFinished(Duration limit) throws InterruptedException {
        return finished.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
}
