package io.pvebench.stage;

import java.util.List;
import java.util.Locale;

/**
 * The Proxmox tags pvebench puts on the VMs it makes: {@value #MARK} on every one, and
 * {@code pvebench-run-<run id>} naming the run that made it, so a later run can tell the
 * VMs a crashed run left behind from its own. Tags follow pve-common's {@code pve-tag}
 * ({@code [a-z0-9_][a-z0-9_+.-]*}); Proxmox stores them lower case. Stateless.
 */
final class RunTags {

    static final String MARK = "pvebench";
    private static final String RUN_PREFIX = MARK + "-run-";

    private RunTags() {
    }

    /** The tag of one run: {@code pvebench-run-demo-20261125-101500-00ff}. */
    static String of(String runId) {
        return RUN_PREFIX + runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_+.\\-]", "-");
    }

    /** Both tags of a VM the run makes. */
    static List<String> forRun(String runId) {
        return List.of(MARK, of(runId));
    }

    /** The run tag among {@code tags}, or null. */
    static String runTagIn(List<String> tags) {
        return tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).filter(t -> t.startsWith(RUN_PREFIX))
                .findFirst().orElse(null);
    }

    static boolean marked(List<String> tags) {
        return tags.stream().anyMatch(t -> t.equalsIgnoreCase(MARK));
    }
}
