package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.GuestLoad;
import io.pvebench.sim.model.LoadModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * stress-ng 0.15.06 (Debian 12) in a guest: {@code --cpu N [--cpu-load P] [--cpu-method M]},
 * {@code --vm N [--vm-bytes SIZE|P%] [--vm-keep]}, {@code --io N}, {@code --hdd N
 * [--hdd-bytes SIZE]}, {@code --timeout T} (s, m, h, d suffixes; default one day),
 * {@code --metrics-brief}, {@code --metrics}, {@code --yaml FILE} (written into the
 * guest's in-memory filesystem at the run's end), {@code -q}. Everything goes to stderr, as captured in
 * {@code src/test/resources/outputs/stress-ng/}: {@code stress-ng: info:  [pid]} and
 * {@code stress-ng: metrc: [pid]} lines, the two-line table header, rows
 * {@code %-13s %9lu %9.2f %9.2f %9.2f %12.2f %14.2f}, the hdd {@code miscellaneous
 * metrics:} block (with stress-ng's "geometic"), durations over a minute spelled out
 * ({@code 90 second (1 min, 30.00 secs)}), and the YAML layout with its unquoted
 * {@code date-yyyy-mm-dd: 2026:11:25}; other shapes checked against the real tool on
 * this machine. Stressors are listed in command-line order; {@code N = 0} means one per
 * vCPU.
 *
 * <p>While it runs, the guest's load in the {@link ClusterModel} rises by what the
 * stressors ask for (see {@link #demand}); bogo-op rates are this machine's rates scaled by
 * the CPU share the workers get (vCPUs over runnable threads, times the host's share) at
 * the start, and by the share of the run a live migration, even one begun after the start,
 * left the vCPUs running (auto-converge's throttle, the switch-over's pause).
 */
final class StressNg {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy:MM:dd", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);
    private static final long DEFAULT_VM_BYTES = 256L << 20;

    /** Bogo ops per second of one instance with a whole CPU, and its user share of CPU time. */
    private record Rate(double opsPerSecond, double cpuPerInstance, double userShare, int maxRssKb) {
    }

    private static final Map<String, Rate> RATES = Map.of(
            "cpu", new Rate(2161, 1.0, 1.0, 6512),
            "vm", new Rate(22200, 1.0, 0.54, 20620),
            "io", new Rate(1412, 0.13, 0.04, 2360),
            "hdd", new Rate(16390, 0.37, 0.54, 2588));

    private static final class Options {
        final Map<String, Integer> stressors = new LinkedHashMap<>();
        double cpuLoad = 100;
        String vmBytes;
        String hddBytes;
        Double timeout;
        boolean metricsBrief;
        boolean metrics;
        boolean quiet;
        String yaml;
        /** {@code --vm-hang 0}: each vm worker maps and touches its memory once, then sleeps holding it. */
        boolean vmHangs;
    }

    GuestRun run(VmInfo vm, List<String> args, ClusterModel model) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            try {
                switch (a) {
                    case "--cpu", "--vm", "--io", "--hdd" -> {
                        String v = value != null ? value : args.get(++i);
                        int n = Integer.parseInt(v);
                        o.stressors.merge(a.substring(2), n <= 0 ? vm.cores() : n, (x, y) -> y);
                    }
                    case "-c" -> o.stressors.put("cpu", count(args.get(++i), vm));
                    case "-m" -> o.stressors.put("vm", count(args.get(++i), vm));
                    case "-i" -> o.stressors.put("io", count(args.get(++i), vm));
                    case "-d" -> o.stressors.put("hdd", count(args.get(++i), vm));
                    case "--cpu-load", "-l" -> o.cpuLoad = Math.max(0, Math.min(100,
                            Integer.parseInt(value != null ? value : args.get(++i))));
                    case "--cpu-method", "--vm-method", "--cpu-ops", "--vm-ops", "--hdd-ops", "--io-ops",
                         "--hdd-opts", "--taskset", "--temp-path" -> {
                        if (value == null) {
                            i++;
                        }
                    }
                    case "--vm-bytes" -> o.vmBytes = value != null ? value : args.get(++i);
                    case "--hdd-bytes" -> o.hddBytes = value != null ? value : args.get(++i);
                    case "--timeout", "-t" -> {
                        String v = value != null ? value : args.get(++i);
                        Double t = seconds(v);
                        if (t == null) {
                            return GuestRun.done(Reply.error("Illegal time specifier " + v.replaceAll("[0-9.]", "")
                                    + "\n", 1), Duration.ZERO);
                        }
                        o.timeout = t;
                    }
                    case "--metrics-brief" -> o.metricsBrief = true;
                    case "--metrics", "-M" -> o.metrics = true;
                    case "--yaml", "-Y" -> o.yaml = value != null ? value : args.get(++i);
                    case "-q", "--quiet" -> o.quiet = true;
                    case "--vm-hang" -> o.vmHangs = Integer.parseInt(value != null ? value : args.get(++i)) == 0;
                    case "--vm-keep", "-v", "--verbose", "--times", "--tz", "--perf" -> { }
                    case "--version", "-V" -> {
                        return GuestRun.done(Reply.ok("stress-ng, version 0.15.06 (gcc 12.2.0, x86_64 Linux "
                                + GuestOs.RELEASE + ")\n"), Duration.ZERO);
                    }
                    default -> {
                        return GuestRun.done(Reply.error("stress-ng: unrecognized option '" + args.get(i)
                                + "'\nTry 'stress-ng --help' for more information.\n", 1), Duration.ZERO);
                    }
                }
            } catch (IndexOutOfBoundsException e) {
                return GuestRun.done(Reply.error("stress-ng: option '" + a + "' requires an argument\n"
                        + "Try 'stress-ng --help' for more information.\n", 1), Duration.ZERO);
            } catch (NumberFormatException e) {
                return GuestRun.done(Reply.error("Invalid number " + args.get(i) + "\n", 1), Duration.ZERO);
            }
        }
        Random random = model.randoms().next("stress-ng/" + vm.vmid());
        int pid = 1_000 + random.nextInt(60_000);
        double timeout = o.timeout == null ? 86_400 : o.timeout;
        StringBuilder err = new StringBuilder();
        String prefixInfo = "stress-ng: info:  [" + pid + "] ";
        String prefixMetrc = "stress-ng: metrc: [" + pid + "] ";
        if (!o.quiet) {
            err.append(prefixInfo).append(o.timeout == null ? "defaulting" : "setting").append(" to a ")
                    .append(durationText(timeout)).append(" run per stressor\n");
        }
        if (o.stressors.isEmpty()) {
            err.append("stress-ng: error: [").append(pid).append("] No stress workers invoked\n");
            return GuestRun.done(new Reply("", err.toString(), 1), Duration.ZERO);
        }
        long vmBytes;
        try {
            vmBytes = o.vmBytes == null ? DEFAULT_VM_BYTES
                    : bytes(o.vmBytes, vm.memoryBytes() * 97 / 100, o.stressors.getOrDefault("vm", 1));
            if (o.hddBytes != null) {
                bytes(o.hddBytes, vm.diskBytes(), 1);
            }
        } catch (NumberFormatException e) {
            return GuestRun.done(Reply.error("Invalid memory size " + e.getMessage() + "\n", 1), Duration.ZERO);
        }
        Instant started = model.clock().now();
        Duration runFor = Duration.ofNanos(Math.round(timeout * 1e9));
        GuestLoad job = model.startLoad(vm.vmid(), "stress-ng", runFor, demand(o, vmBytes, model));
        LoadModel.VmLoad load = model.vmLoad(vm.vmid());
        if (!o.quiet) {
            List<String> hogs = new ArrayList<>();
            o.stressors.forEach((name, n) -> hogs.add(n + " " + name));
            err.append(prefixInfo).append("dispatching hogs: ").append(String.join(", ", hogs)).append('\n');
            int child = pid + 1;
            for (var e : o.stressors.entrySet()) {
                if (e.getKey().equals("io")) {
                    err.append("stress-ng: info:  [").append(child + 1)
                            .append("] io: this is a legacy I/O sync stressor, consider using iomix instead\n");
                }
                child += e.getValue();
            }
        }
        double real = timeout + 0.001 + random.nextInt(11) / 1000.0;
        List<Row> planned = rows(o, vm, load, real, vmBytes, model, random);
        String head = err.toString();
        String yamlHead = yamlSystemInfo(vm, model, started);
        // the throttle of a migration that begins while the workers run is known only at the end; the
        // --yaml file gets the metrics then too, at the end or when the output is read, whichever comes first
        Supplier<List<Row>> rows = GuestRun.once(() -> {
            List<Row> settled = settle(planned, model.guestRunFraction(vm.vmid(), started,
                    started.plusNanos(Math.round(real * 1e9))));
            if (o.yaml != null) {
                model.writeGuestFile(vm.vmid(), o.yaml, yamlHead + yamlMetrics(settled, o.metricsBrief || o.metrics));
            }
            return settled;
        });
        return GuestRun.later(() -> new Reply("", head + tail(o, prefixInfo, prefixMetrc, real, rows.get()), 0),
                runFor, () -> {
                    // killed by pid, this process's load ends with it; at its natural end stopping it changes nothing
                    model.stopLoad(job);
                    rows.get();
                });
    }

    /** The metrics table, when asked for, and the line of the run's end. */
    private static String tail(Options o, String prefixInfo, String prefixMetrc, double real, List<Row> rows) {
        StringBuilder err = new StringBuilder();
        boolean table = (o.metricsBrief || o.metrics) && !o.quiet;
        if (table) {
            metricsTable(err, prefixMetrc, rows, o.metrics);
        }
        if (!o.quiet) {
            err.append(prefixInfo).append("successful run completed in ").append(String.format("%.2fs", real));
            if (real > 60) {
                err.append(" (").append(spelled(real)).append(')');
            }
            err.append('\n');
        }
        return err.toString();
    }

    private static int count(String text, VmInfo vm) {
        int n = Integer.parseInt(text);
        return n <= 0 ? vm.cores() : n;
    }

    /** What the stressors ask of the guest while they run (see {@code LoadModel}). */
    static GuestLoad.Demand demand(Options o, long vmBytes, ClusterModel model) {
        int cpu = o.stressors.getOrDefault("cpu", 0);
        int vmAll = o.stressors.getOrDefault("vm", 0);
        // hanging vm workers hold their memory but neither run nor write
        int vmw = o.vmHangs ? 0 : vmAll;
        int io = o.stressors.getOrDefault("io", 0);
        int hdd = o.stressors.getOrDefault("hdd", 0);
        double load = o.cpuLoad / 100;
        double threads = cpu * load + vmw + io * 0.2 + hdd * 0.5;
        double cpuDemand = cpu * load + vmw + io * RATES.get("io").cpuPerInstance()
                + hdd * RATES.get("hdd").cpuPerInstance();
        double ioThreads = io * 0.8 + hdd * 0.5;
        long mem = vmAll * vmBytes + hdd * (8L << 20) + (cpu + io) * (6L << 20);
        // the vm stressor rewrites its mapping over and over; a CPU stressor touches a few pages
        double dirty = vmw * Math.min(1.6 * (1L << 30), 4.0 * vmBytes) + hdd * 48e6 + cpu * load * 0.4e6;
        double write = hdd * 180e6 + io * 2e6;
        double read = hdd * 60e6;
        double iops = hdd * (write / Math.max(1, hdd) + read / Math.max(1, hdd)) / 65_536 * (hdd > 0 ? 1 : 0)
                + io * 1_400;
        return new GuestLoad.Demand(threads, cpuDemand, ioThreads, mem, dirty, read, write, iops, 0, 0);
    }

    /**
     * A stressor's line: {@code opsRate} is the bogo ops per second and instance its share of the
     * vCPUs gives at the start, {@code ops} what it did once migrations' throttle is applied.
     */
    private record Row(String name, int instances, double opsRate, long ops, double real, double usr, double sys,
                       double cpuPercent, int rssKb, double readMb, double writeMb) {

        Row settled(double runFraction) {
            return new Row(name, instances, opsRate, Math.round(opsRate * runFraction * instances * real), real, usr,
                    sys, cpuPercent, rssKb, readMb, writeMb);
        }
    }

    /** The rows with a live migration's auto-converge throttle (and its pause), which slow the workers. */
    private static List<Row> settle(List<Row> planned, double runFraction) {
        return planned.stream().map(r -> r.settled(runFraction)).toList();
    }

    private static List<Row> rows(Options o, VmInfo vm, LoadModel.VmLoad load, double real, long vmBytes,
                                  ClusterModel model, Random random) {
        // every worker gets the same slice of the vCPUs the guest gets from the host
        double share = load.cpuDemand() > 0 ? Math.min(1, load.cpuUsed() / load.cpuDemand()) : 1;
        share *= Math.min(1, vm.cores() / Math.max(1e-9, load.runnable()));
        List<Row> rows = new ArrayList<>();
        for (var e : o.stressors.entrySet()) {
            String name = e.getKey();
            int n = e.getValue();
            Rate rate = RATES.get(name);
            double busy = name.equals("cpu") ? o.cpuLoad / 100 : 1;
            if (name.equals("vm") && o.vmHangs) {
                // touched once, then asleep: no bogo ops, a little system time for the page faults
                // (real 0.15.06, 64 MiB: "vm 0 2.01 0.00 0.03 0.00 0.00")
                double sys = n * 0.03 * Math.max(1, vmBytes / (double) (64L << 20)) * (0.9 + 0.2 * random.nextDouble());
                rows.add(new Row(name, n, 0, 0, real, 0, round2(Math.min(sys, real * n)), sys / real / n * 100,
                        rate.maxRssKb() + (int) Math.min(Integer.MAX_VALUE / 2, vmBytes >> 10), 0, 0));
                continue;
            }
            double noise = 1 + 0.015 * random.nextGaussian();
            double opsRate = rate.opsPerSecond() * busy * Math.min(1, share) * noise;
            if (name.equals("vm")) {
                opsRate *= Math.sqrt((double) (64L << 20) / Math.max(1 << 20, vmBytes));
            }
            double cpuTime = real * n * rate.cpuPerInstance() * busy * Math.min(1, share) * (0.97 + 0.03
                    * random.nextDouble());
            double usr = cpuTime * rate.userShare();
            double sys = cpuTime - usr;
            double readMb = 0;
            double writeMb = 0;
            if (name.equals("hdd")) {
                double storage = model.storage().bandwidth() / 1e6;
                writeMb = Math.min(storage * 0.9, 1_716.87) * (0.95 + 0.1 * random.nextDouble());
                // reads mostly come back from the page cache
                readMb = writeMb * (4 + 1.5 * random.nextDouble());
            }
            rows.add(new Row(name, n, opsRate, 0, real, round2(usr), round2(sys), cpuTime / real / n * 100,
                    rate.maxRssKb() + (name.equals("vm") ? (int) Math.min(Integer.MAX_VALUE / 2, vmBytes >> 10) : 0),
                    readMb, writeMb));
        }
        return rows;
    }

    private static double round2(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static void metricsTable(StringBuilder err, String prefix, List<Row> rows, boolean full) {
        err.append(prefix).append("stressor       bogo ops real time  usr time  sys time   bogo ops/s     bogo ops/s");
        err.append(full ? " CPU used per       RSS Max\n" : "\n");
        err.append(prefix).append("                          (secs)    (secs)    (secs)   (real time) (usr+sys time)");
        err.append(full ? " instance (%)          (KB)\n" : "\n");
        for (Row r : rows) {
            double cpu = r.usr() + r.sys();
            err.append(prefix).append(String.format(Locale.ROOT, "%-13s %9d %9.2f %9.2f %9.2f %12.2f %14.2f",
                    r.name(), r.ops(), r.real(), r.usr(), r.sys(), r.ops() / r.real(), cpu > 0 ? r.ops() / cpu : 0.0));
            if (full) {
                err.append(String.format(Locale.ROOT, " %12.2f %13d", r.cpuPercent(), r.rssKb()));
            }
            err.append('\n');
        }
        List<Row> hdd = rows.stream().filter(r -> r.name().equals("hdd")).toList();
        if (!hdd.isEmpty()) {
            Row r = hdd.get(0);
            double combined = 2 * r.readMb() * r.writeMb() / (r.readMb() + r.writeMb());
            err.append(prefix).append("miscellaneous metrics:\n");
            String instances = " (geometic mean of " + r.instances() + " instances)\n";
            err.append(prefix).append(String.format(Locale.ROOT, "%-13s %13.2f MB/sec read rate", "hdd", r.readMb()))
                    .append(instances);
            err.append(prefix).append(String.format(Locale.ROOT, "%-13s %13.2f MB/sec write rate", "hdd",
                    r.writeMb())).append(instances);
            err.append(prefix).append(String.format(Locale.ROOT,
                    "%-13s %13.2f MB/sec read/write combined rate", "hdd", combined)).append(instances);
        }
    }

    /** The {@code --yaml} file's system information, as the guest is at the start. */
    private static String yamlSystemInfo(VmInfo vm, ClusterModel model, Instant at) {
        long total = vm.memoryBytes() * 97 / 100;
        long uptime = Duration.between(vm.startedAt(), at).toSeconds();
        StringBuilder y = new StringBuilder("---\nsystem-info:\n");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("stress-ng-version", "0.15.06");
        info.put("run-by", "root");
        info.put("date-yyyy-mm-dd", DATE.format(at));
        info.put("time-hh-mm-ss", TIME.format(at));
        info.put("epoch-secs", at.getEpochSecond());
        info.put("hostname", vm.name());
        info.put("sysname", "Linux");
        info.put("nodename", vm.name());
        info.put("release", GuestOs.RELEASE);
        info.put("version", "'" + GuestOs.VERSION + "'");
        info.put("machine", "x86_64");
        info.put("compiler", "'gcc 12.2.0'");
        info.put("uptime", uptime);
        info.put("totalram", total);
        info.put("freeram", total - model.vmLoad(vm.vmid()).memUsed() * 9 / 10);
        info.put("sharedram", 1_540_096);
        info.put("bufferram", 36_417_536);
        info.put("totalswap", 0);
        info.put("freeswap", 0);
        info.put("pagesize", 4096);
        info.put("cpus", vm.cores());
        info.put("cpus-online", vm.cores());
        info.put("ticks-per-second", 100);
        info.forEach((k, v) -> y.append("      ").append(k).append(": ").append(v).append('\n'));
        y.append('\n');
        return y.toString();
    }

    private static String yamlMetrics(List<Row> rows, boolean metrics) {
        StringBuilder y = new StringBuilder();
        if (metrics) {
            y.append("metrics:\n");
            for (Row r : rows) {
                double cpu = r.usr() + r.sys();
                y.append("    - stressor: ").append(r.name()).append('\n');
                y.append("      bogo-ops: ").append(r.ops()).append('\n');
                y.append(String.format(Locale.ROOT, "      bogo-ops-per-second-usr-sys-time: %.6f%n",
                        cpu > 0 ? r.ops() / cpu : 0.0));
                y.append(String.format(Locale.ROOT, "      bogo-ops-per-second-real-time: %.6f%n", r.ops() / r.real()));
                y.append(String.format(Locale.ROOT, "      wall-clock-time: %.6f%n", r.real()));
                y.append(String.format(Locale.ROOT, "      user-time: %.6f%n", r.usr()));
                y.append(String.format(Locale.ROOT, "      system-time: %.6f%n", r.sys()));
                y.append(String.format(Locale.ROOT, "      cpu-usage-per-instance: %.6f%n", r.cpuPercent()));
                y.append("      max-rss: ").append(r.rssKb()).append('\n');
                if (r.name().equals("hdd")) {
                    double combined = 2 * r.readMb() * r.writeMb() / (r.readMb() + r.writeMb());
                    y.append(String.format(Locale.ROOT, "      mbsec-read-rate: %.6f%n", r.readMb()));
                    y.append(String.format(Locale.ROOT, "      mbsec-write-rate: %.6f%n", r.writeMb()));
                    y.append(String.format(Locale.ROOT, "      mbsec-readwrite-combined-rate: %.6f%n", combined));
                }
                y.append('\n');
            }
        }
        y.append("...\n");
        return y.toString().replace("\r\n", "\n");
    }

    /** {@code --timeout} text: plain seconds or with s, m, h, d, w, y; null when invalid. */
    static Double seconds(String text) {
        var m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([smhdwy]?)").matcher(text);
        if (!m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        return v * switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3_600;
            case "d" -> 86_400;
            case "w" -> 604_800;
            case "y" -> 31_556_926;
            default -> 1;
        };
    }

    /** stress-ng sizes: b, k, m, g, t (binary) or a percentage of {@code total}, split among instances. */
    static long bytes(String text, long total, int instances) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("%")) {
            double pct = Double.parseDouble(t.substring(0, t.length() - 1));
            return (long) (total * pct / 100 / Math.max(1, instances));
        }
        long mul = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'b' -> mul = 1;
            case 'k' -> mul = 1L << 10;
            case 'm' -> mul = 1L << 20;
            case 'g' -> mul = 1L << 30;
            case 't' -> mul = 1L << 40;
            default -> last = ' ';
        }
        String digits = last == ' ' ? t : t.substring(0, t.length() - 1);
        if (!digits.matches("[0-9]+")) {
            throw new NumberFormatException(text);
        }
        return Long.parseLong(digits) * mul;
    }

    /** {@code 90 second (1 min, 30.00 secs)}; up to a minute just {@code 60 second}. */
    static String durationText(double seconds) {
        long whole = Math.round(seconds);
        String text = whole + " second";
        return seconds > 60 ? text + " (" + spelled(seconds) + ")" : text;
    }

    private static String spelled(double seconds) {
        long s = (long) Math.floor(seconds);
        double frac = seconds - s;
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long mins = s % 3_600 / 60;
        double secs = s % 60 + frac;
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(days + (days == 1 ? " day" : " days"));
        }
        if (hours > 0) {
            parts.add(hours + (hours == 1 ? " hour" : " hours"));
        }
        if (mins > 0) {
            parts.add(mins + (mins == 1 ? " min" : " mins"));
        }
        parts.add(String.format(Locale.ROOT, "%.2f secs", secs));
        return String.join(", ", parts);
    }
}
