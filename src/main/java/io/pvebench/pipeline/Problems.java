package io.pvebench.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one load, across the pipeline and its cluster file. Not thread-safe. */
final class Problems {

    private final List<Problem> found = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    /** Problems in {@code file} sort after those of files read before it. */
    void reading(Path file) {
        if (!files.contains(file)) {
            files.add(file);
        }
    }

    void add(SourcePosition at, String message, String hint) {
        reading(at.file());
        found.add(Problem.at(at, message, hint));
    }

    void add(SourcePosition at, String message) {
        add(at, message, null);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int count() {
        return found.size();
    }

    /** Throws when anything was found: problems sorted by file (first read first), line, column. */
    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.<Problem>comparingInt(p -> files.indexOf(p.file()))
                .thenComparingInt(Problem::line)
                .thenComparingInt(Problem::column));
        throw new InvalidPipelineException(sorted);
    }
}
