package io.pvebench.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A console of its own for one of several runs that share a terminal (the scheduler's): every line
 * it is given reaches the shared stream whole, after a prefix naming the run, so lines of runs going
 * on at once interleave but never mix. An unfinished line is written on {@link #flush()}.
 */
final class PrefixedLines extends OutputStream {

    private final PrintStream shared;
    private final String prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    PrefixedLines(PrintStream shared, String prefix) {
        this.shared = shared;
        this.prefix = prefix;
    }

    /** A print stream whose lines go to {@code shared} after {@code prefix}. */
    static PrintStream console(PrintStream shared, String prefix) {
        return new PrintStream(new PrefixedLines(shared, prefix), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    /** Nothing: a line is written when it ends (a print stream flushes in the middle of lines). */
    @Override
    public void flush() {
    }

    /** Writes an unfinished last line. */
    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        // one println per line: PrintStream locks itself for each call, so lines of two runs never mix
        shared.println(prefix + text);
    }
}
