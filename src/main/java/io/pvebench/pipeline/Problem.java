package io.pvebench.pipeline;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong in a pipeline or cluster file, where it is and how to fix it.
 * {@link #toString()} is exactly {@code file:line:column: message}, followed by
 * {@code "\n  hint: ..."} when there is a hint, the format compilers use so editors
 * and CI logs link to the place.
 *
 * @param line   1-based line of the offending key or value
 * @param column 1-based column of the offending key or value
 * @param hint   how to fix it, or {@code null}
 */
public record Problem(Path file, int line, int column, String message, String hint) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    static Problem at(SourcePosition position, String message, String hint) {
        return new Problem(position.file(), position.line(), position.column(), message, hint);
    }

    public SourcePosition position() {
        return new SourcePosition(file, line, column);
    }

    @Override
    public String toString() {
        String where = file + ":" + line + ":" + column + ": " + message;
        return hint == null ? where : where + "\n  hint: " + hint;
    }
}
