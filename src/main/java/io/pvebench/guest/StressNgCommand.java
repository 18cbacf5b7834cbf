package io.pvebench.guest;

import io.pvebench.pipeline.LoadLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stress-ng command line (0.15, Debian 12) that puts a {@link LoadLevel} on a guest of
 * a given size: {@code --cpu <vCPUs> --cpu-load P} (every vCPU busy P % of the time, so
 * the guest's CPU use is P % whatever its size); {@code --vm 1 --vm-bytes S --vm-hang 0}
 * (S allocated and touched once, then held without using CPU: "0 will do an infinite
 * wait", stress-ng(1)); {@code --hdd N --hdd-bytes 256m --temp-path /var/tmp} (files on
 * the guest's disk, not on a tmpfs /tmp). {@code --metrics-brief} puts the bogo-ops table
 * on stderr, which stress-ng also prints when stopped by SIGTERM (checked on the real
 * tool), so a load stopped early still reports what it did.
 */
final class StressNgCommand {

    /** hdd stressor file size per worker; stress-ng's default of 1 GiB fills small guest disks. */
    static final String HDD_BYTES = "256m";
    static final String TEMP_PATH = "/var/tmp";

    private StressNgCommand() {
    }

    /** The command, or empty when the level asks for nothing. */
    static Optional<List<String>> argv(LoadLevel level, GuestSize size, Duration timeout) {
        if (level.isNone()) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(List.of("stress-ng"));
        long cpuLoad = Math.round(level.cpuPercent());
        if (cpuLoad > 0) {
            argv.addAll(List.of("--cpu", String.valueOf(size.cores()), "--cpu-load", String.valueOf(cpuLoad)));
        }
        long mebibytes = (long) (size.memoryBytes() * level.memoryPercent() / 100) >> 20;
        if (mebibytes > 0) {
            argv.addAll(List.of("--vm", "1", "--vm-bytes", mebibytes + "m", "--vm-hang", "0"));
        }
        if (level.ioWorkers() > 0) {
            argv.addAll(List.of("--hdd", String.valueOf(level.ioWorkers()), "--hdd-bytes", HDD_BYTES,
                    "--temp-path", TEMP_PATH));
        }
        if (argv.size() == 1) {
            return Optional.empty(); // a memory share too small to be a whole MiB
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        argv.addAll(List.of("--timeout", seconds + "s", "--metrics-brief"));
        return Optional.of(argv);
    }
}
