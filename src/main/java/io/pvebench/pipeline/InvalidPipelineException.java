package io.pvebench.pipeline;

import io.pvebench.PvebenchException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline or cluster file is invalid. Carries every problem found, in file order;
 * the message is their {@link Problem#toString()} lines, ready to print.
 */
public class InvalidPipelineException extends PvebenchException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidPipelineException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid pipeline has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, sorted by file (in the order they were read), line and column. */
    public List<Problem> problems() {
        return problems;
    }
}
