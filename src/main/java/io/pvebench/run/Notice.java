package io.pvebench.run;

import java.util.Objects;

/**
 * Something a run-level stage tells the person watching: what it made or removed on the
 * cluster, or a warning about what it found (VMs an earlier run left behind).
 *
 * @param stage   the stage that says it ({@code provision}, {@code orphans}, ...)
 * @param text    one line
 * @param warning whether it asks for attention
 */
public record Notice(String stage, String text, boolean warning) {

    public Notice {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(text, "text");
    }
}
