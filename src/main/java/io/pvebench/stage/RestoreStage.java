package io.pvebench.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the run's configuration variants: puts back whatever is still changed (the last
 * case kept its variant for a next case that never ran: the run was stopped or broke),
 * newest change first. Runs at the end of every run, even after a fault, before the report;
 * the runner calls it once more after the routes in case a route file lacks it. What was put
 * back here, and anything that could not be, becomes a fact of the run's environment
 * ({@code variants.restoredAtEnd}, {@code variants.leftChanged}) and is logged.
 */
public final class RestoreStage {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreStage.class);

    public void run(RunContext run) {
        restore(run);
    }

    /** Puts back what variants left changed; returns what could not be put back (empty: the cluster is as found). */
    public static List<String> restore(RunContext run) {
        VariantLedger ledger = run.variantLedger();
        if (ledger.isEmpty()) {
            return List.of();
        }
        run.shell().enter("run", "restore");
        List<String> changed = ledger.changed();
        List<String> left = ledger.restoreAll("run");
        Map<String, String> facts = new LinkedHashMap<>();
        if (left.isEmpty()) {
            LOG.info("put back what configuration variants changed: {}", changed);
            facts.put("variants.restoredAtEnd", String.join(", ", changed));
        } else {
            LOG.error("the cluster is left changed; put these back by hand (see raw/run/{}): {}",
                    VariantLedger.JOURNAL, left);
            facts.put("variants.leftChanged", String.join("; ", left));
        }
        run.addEnvironment(facts);
        return left;
    }
}
