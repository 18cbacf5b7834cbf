package io.pvebench.report;

import io.pvebench.run.CaseResult;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report file rewritten whenever the run moves on (start, each finished case, end), so
 * a crash leaves it with every case finished so far. Keeps what the run has finished and
 * hands subclasses the run as it stands.
 */
abstract class RewrittenAfterEachCase implements RunListener {

    private final List<CaseResult> finished = new ArrayList<>();
    private RunInfo info;
    private Map<String, String> environment = Map.of();

    /**
     * Writes the file.
     *
     * @param soFar    the run as it stands (its {@code end} is the latest moment known)
     * @param complete whether the run has finished
     */
    abstract void write(RunResult soFar, boolean complete);

    @Override
    public final void runStarted(RunInfo run) {
        this.info = run;
        write(new RunResult(info, environment, finished, run.start()), false);
    }

    @Override
    public final void environment(Map<String, String> facts) {
        this.environment = facts;
    }

    @Override
    public final void caseFinished(CaseResult result) {
        finished.add(result);
        write(new RunResult(info, environment, finished, result.end()), false);
    }

    @Override
    public final void runFinished(RunResult result) {
        write(result, true);
    }
}
