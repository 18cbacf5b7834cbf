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
        try (InputStream in = CapturedOutput.class.getResourceAsStream("/outputs/" + relative)) {
            if (in == null) {
                throw new IllegalArgumentException("no captured output outputs/" + relative);
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
