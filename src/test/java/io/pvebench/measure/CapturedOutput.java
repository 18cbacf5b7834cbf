package io.pvebench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads a captured real tool output from {@code src/test/resources/outputs/} (see SOURCES.md there). */
final class CapturedOutput {

    private CapturedOutput() {
    }

    static String read(String relative) {
        return resource("outputs/" + relative);
    }

    /** A real output captured for the twin, from {@code src/test/resources/sim/} (see SOURCES.md there). */
    static String sim(String relative) {
        return resource("sim/" + relative);
    }

    private static String resource(String path) {
        try (InputStream in = CapturedOutput.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no captured output " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The only sample named {@code metric}; fails when there is none or several. */
    static Sample only(List<Sample> samples, String metric) {
        List<Sample> found = all(samples, metric);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + metric + " sample, found " + found.size() + ": " + samples);
        }
        return found.get(0);
    }

    static List<Sample> all(List<Sample> samples, String metric) {
        return samples.stream().filter(s -> s.metric().equals(metric)).toList();
    }
}
