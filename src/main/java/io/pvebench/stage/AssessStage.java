package io.pvebench.stage;

import io.pvebench.assess.Assessment;
import io.pvebench.assess.ObjectiveCheck;
import io.pvebench.assess.Verdict;
import java.util.List;
import io.pvebench.run.CaseResult;

/**
 * Finishes a case: judges its samples against the objectives (through {@code assess});
 * a case that never started (the run broke or was stopped first) is broken, "not run",
 * with the reason, since nothing about the cluster was learned from it;
 * writes its samples to the run folder and announces the result, so a crash later
 * loses nothing of it. A case is finished once; a second call does nothing.
 */
public final class AssessStage {

    public void run(CaseContext kase) {
        RunContext run = kase.run();
        if (run.isFinished(kase)) {
            return;
        }
        Assessment assessment = kase.notRunReason() != null
                ? new Assessment(Verdict.BROKEN, "not run: " + kase.notRunReason(), List.of())
                : ObjectiveCheck.assess(run.pipeline().objectives(), kase.samples(), kase.brokenReason());
        CaseResult result = new CaseResult(kase.plan(), assessment, kase.steps(), kase.samples(), kase.phases(),
                kase.start() == null ? run.clock().instant() : kase.start(), run.clock().instant());
        run.folder().appendSamples(result.samples());
        run.finished(result);
        run.events().caseFinished(result);
    }
}
