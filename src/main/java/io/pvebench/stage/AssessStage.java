package io.pvebench.stage;

import io.pvebench.run.CaseRecord;
import io.pvebench.run.CaseResult;

/**
 * Finishes a case: judges its samples against the objectives ({@link CaseRecord#judge}: a
 * case that never started is broken, "not run", with the reason); writes its samples and its
 * record to the run folder, so a crash later loses nothing of it and the run can be judged
 * again offline ({@code pvebench report}); and announces the result. A case is finished
 * once; a second call does nothing.
 */
public final class AssessStage {

    public void run(CaseContext kase) {
        RunContext run = kase.run();
        if (run.isFinished(kase)) {
            return;
        }
        CaseRecord record = new CaseRecord(kase.plan(), kase.steps(), kase.samples(), kase.phases(),
                kase.start() == null ? run.clock().instant() : kase.start(), run.clock().instant(),
                kase.brokenReason(), kase.notRunReason());
        CaseResult result = record.judge(run.pipeline().objectives());
        run.folder().appendSamples(result.samples());
        run.folder().appendCase(record);
        run.finished(result);
        run.events().caseFinished(result);
    }
}
