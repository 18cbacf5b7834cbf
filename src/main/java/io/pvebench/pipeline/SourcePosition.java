package io.pvebench.pipeline;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in a definition file: 1-based line and column, as editors count them.
 * {@link #toString()} is {@code file:line:column}.
 */
public record SourcePosition(Path file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
