package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.GuestLoad;
import io.pvebench.sim.model.LoadModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Small Debian 12 utilities in a guest, in their real formats (checked on this machine):
 * {@code cat FILE} (a file a program wrote, or {@code /proc/loadavg}: {@code "0.52 0.58
 * 0.59 2/123 4567"}), {@code nproc}, {@code uptime} (procps-ng 4.0.2: {@code " 08:59:34
 * up 3 days,  4:05,  0 user,  load average: 1.00, 0.74, 0.70"}), {@code free -b} /
 * {@code free} (procps-ng 4.0.2 columns) and {@code uname -r}/{@code -a}. Numbers come
 * from the load model.
 */
final class GuestBasics {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);

    GuestRun cat(VmInfo vm, List<String> args, ClusterModel model) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String path : args) {
            if (path.equals("/proc/loadavg")) {
                out.append(loadavg(vm, model));
            } else if (path.equals("/proc/uptime")) {
                out.append(procUptime(vm, model));
            } else {
                var content = model.guestFile(vm.vmid(), path);
                if (content.isPresent()) {
                    out.append(content.get());
                } else {
                    err.append("cat: ").append(path).append(": No such file or directory\n");
                }
            }
        }
        return GuestRun.done(new Reply(out.toString(), err.toString(), err.length() == 0 ? 0 : 1), Duration.ZERO);
    }

    /**
     * {@code /proc/uptime}: seconds since the guest booted (it restarts with its VM) and the idle
     * time of all its CPUs together, which the twin puts at the idle share of an idle guest.
     */
    private static String procUptime(VmInfo vm, ClusterModel model) {
        double up = Math.max(0, Duration.between(vm.startedAt(), model.clock().now()).toMillis() / 1000.0);
        double idle = up * vm.cores() * (1 - LoadModel.IDLE_CPU_PER_VCPU);
        return String.format(Locale.ROOT, "%.2f %.2f%n", up, idle);
    }

    private static String loadavg(VmInfo vm, ClusterModel model) {
        double[] l = model.guestLoadavg(vm.vmid());
        LoadModel.VmLoad load = model.vmLoad(vm.vmid());
        long running = Math.max(1, Math.round(Math.min(vm.cores(), load.runnable())));
        long threads = 118 + model.runningLoads(vm.vmid()).stream().mapToLong(GuestBasics::threadsOf).sum();
        int lastPid = 1_000 + model.randoms().next("guest-pid/" + vm.vmid()).nextInt(30_000);
        return String.format(Locale.ROOT, "%.2f %.2f %.2f %d/%d %d%n", l[0], l[1], l[2], running, threads, lastPid);
    }

    private static long threadsOf(GuestLoad job) {
        return 1 + Math.round(job.demand().cpuThreads() + job.demand().ioThreads());
    }

    GuestRun nproc(VmInfo vm) {
        return GuestRun.done(Reply.ok(vm.cores() + "\n"), Duration.ZERO);
    }

    GuestRun uptime(VmInfo vm, ClusterModel model) {
        Instant now = model.clock().now();
        long up = Duration.between(vm.startedAt(), now).toSeconds();
        long days = up / 86_400;
        long hours = up % 86_400 / 3_600;
        long mins = up % 3_600 / 60;
        StringBuilder s = new StringBuilder(" ").append(CLOCK.format(now)).append(" up ");
        if (days > 0) {
            s.append(days).append(days > 1 ? " days, " : " day, ");
        }
        if (hours > 0) {
            s.append(String.format(Locale.ROOT, "%2d:%02d, ", hours, mins));
        } else {
            s.append(mins).append(" min, ");
        }
        double[] l = model.guestLoadavg(vm.vmid());
        s.append(String.format(Locale.ROOT, "%2d user,  load average: %.2f, %.2f, %.2f%n", 0, l[0], l[1], l[2]));
        return GuestRun.done(Reply.ok(s.toString()), Duration.ZERO);
    }

    GuestRun free(VmInfo vm, List<String> args, ClusterModel model) {
        long unit = args.contains("-b") || args.contains("--bytes") ? 1 : args.contains("-m") ? 1L << 20
                : args.contains("-g") ? 1L << 30 : 1024;
        long total = vm.memoryBytes() * 97 / 100 / 4096 * 4096;
        long inUse = model.vmLoad(vm.vmid()).memUsed();
        long cache = Math.min(inUse, vm.memoryBytes() * 20 / 100);
        long used = Math.min(total - cache, inUse - cache + (48L << 20));
        long shared = 1_540_096;
        long free = Math.max(0, total - used - cache);
        long available = Math.min(total, free + cache * 9 / 10);
        String out = String.format(Locale.ROOT, "%8s%12s%12s%12s%12s%12s%12s%n", "", "total", "used", "free",
                "shared", "buff/cache", "available")
                + String.format(Locale.ROOT, "%-8s%12d%12d%12d%12d%12d%12d%n", "Mem:", total / unit, used / unit,
                free / unit, shared / unit, cache / unit, available / unit)
                + String.format(Locale.ROOT, "%-8s%12d%12d%12d%n", "Swap:", 0, 0, 0);
        return GuestRun.done(Reply.ok(out), Duration.ZERO);
    }

    GuestRun uname(VmInfo vm, List<String> args) {
        if (args.contains("-r")) {
            return GuestRun.done(Reply.ok(GuestOs.RELEASE + "\n"), Duration.ZERO);
        }
        if (args.contains("-a")) {
            return GuestRun.done(Reply.ok("Linux " + vm.name() + " " + GuestOs.RELEASE + " " + GuestOs.VERSION
                    + " x86_64 GNU/Linux\n"), Duration.ZERO);
        }
        return GuestRun.done(Reply.ok("Linux\n"), Duration.ZERO);
    }
}
