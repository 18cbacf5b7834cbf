package io.pvebench.bench;

import io.pvebench.measure.LoadAverage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What a figure was measured on, printed beside it: cores, Java, OpenSSH, load average
 * at start, heap limit. Collected once, at the start of a benchmark; a fact that cannot
 * be read is {@code "unknown"}, never a failure.
 *
 * @param loadAverage the 1, 5 and 15 minute load averages from {@code /proc/loadavg}
 */
public record MachineFacts(Instant at, int cores, String java, String openSsh, String loadAverage,
                           long maxHeapBytes, String os) {

    private static final String UNKNOWN = "unknown";

    public static MachineFacts collect() {
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.vendor") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new MachineFacts(Instant.now(), Runtime.getRuntime().availableProcessors(), java, openSshVersion(),
                readLoadAverage(), Runtime.getRuntime().maxMemory(), os);
    }

    /** {@code ssh -V}, which prints to standard error, e.g. {@code OpenSSH_9.2p1 Debian-2+deb12u10, ...}. */
    static String openSshVersion() {
        try {
            Process p = new ProcessBuilder("ssh", "-V").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return UNKNOWN;
            }
            return text.isEmpty() ? UNKNOWN : text.lines().findFirst().orElse(UNKNOWN);
        } catch (IOException e) {
            return "not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }

    static String readLoadAverage() {
        try {
            return LoadAverage.parse(Files.readString(Path.of("/proc/loadavg"))).toString();
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? UNKNOWN : String.valueOf(one);
        }
    }

    void print(PrintStream out) {
        out.printf("machine: %d cores, %s%n", cores, os);
        out.printf("java:    %s, max heap %d MiB%n", java, maxHeapBytes >> 20);
        out.printf("openssh: %s%n", openSsh);
        out.printf("load average at start (1/5/15 min): %s   started %s%n", loadAverage, at);
    }
}
