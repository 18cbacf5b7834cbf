package io.pvebench.assess;

import java.util.List;

/**
 * The verdict of one case with its reasons.
 *
 * @param verdict    overall verdict of the case
 * @param reason     one line: why it broke, or which objectives failed; empty on pass
 * @param objectives every objective's own result, in pipeline order
 */
public record Assessment(Verdict verdict, String reason, List<ObjectiveResult> objectives) {

    public Assessment {
        reason = reason == null ? "" : reason;
        objectives = List.copyOf(objectives);
    }
}
