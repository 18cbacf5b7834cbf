package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.ManualClock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A model with a hand-moved clock and the guest programs, without SSH; plus shape helpers. */
final class GuestTwin {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T08:17:52Z"));
    final ClusterModel model;
    private final GuestShell shell = new GuestShell();

    GuestTwin(long seed) {
        model = ManualClock.twoNodes(clock, seed);
    }

    GuestRun exec(int vmid, String... argv) {
        return shell.run(model.vm(vmid).orElseThrow(), List.of(argv), model);
    }

    Reply run(int vmid, String... argv) {
        return exec(vmid, argv).reply();
    }

    static String capture(String path) throws IOException {
        try (InputStream in = GuestTwin.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A regex for lines shaped like {@code line}: the same words and punctuation, every
     * number free but with the same number of decimals, runs of blanks free in length.
     */
    static Pattern shape(String line) {
        StringBuilder re = new StringBuilder();
        Matcher m = Pattern.compile("\\d+\\.\\d+|\\d+").matcher(line);
        int last = 0;
        while (m.find()) {
            re.append(literal(line.substring(last, m.start())));
            String number = m.group();
            int dot = number.indexOf('.');
            re.append(dot < 0 ? "\\d+" : "\\d+\\.\\d{" + (number.length() - dot - 1) + "}");
            last = m.end();
        }
        re.append(literal(line.substring(last)));
        return Pattern.compile(re.toString());
    }

    private static String literal(String text) {
        StringBuilder re = new StringBuilder();
        Matcher blanks = Pattern.compile(" +").matcher(text);
        int last = 0;
        while (blanks.find()) {
            if (blanks.start() > last) {
                re.append(Pattern.quote(text.substring(last, blanks.start())));
            }
            re.append(" +");
            last = blanks.end();
        }
        if (last < text.length()) {
            re.append(Pattern.quote(text.substring(last)));
        }
        return re.toString();
    }

    static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }
}
