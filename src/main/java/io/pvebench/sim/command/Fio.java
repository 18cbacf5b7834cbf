package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.GuestLoad;
import io.pvebench.sim.model.LoadModel;
import io.pvebench.sim.model.StorageModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * fio 3.33 (Debian 12) in a guest, one job from the command line: {@code --name --rw
 * (read|write|randread|randwrite|rw|readwrite|randrw) --bs --size --runtime --time_based
 * --ioengine (psync|sync|libaio|io_uring) --iodepth --numjobs --rwmixread --filename
 * --direct --group_reporting --output-format=json}. The document follows the capture
 * {@code src/test/resources/outputs/fio/randrw-psync-16M-t3.json}: every direction
 * ({@code read}, {@code write}, {@code trim}) present, unused ones with zeros and no
 * percentiles; {@code bw} in KiB/s; latencies in ns with percentile keys like
 * {@code "99.000000"} and values at fio's histogram bucket midpoints (6 bits of
 * mantissa); {@code "job options"} echoes only options with a value; {@code elapsed} one
 * second more than the runtime; {@code disk_util} for the guest's {@code sda}.
 *
 * <p>Performance: a closed loop per job, {@code iodepth} requests in flight (1 for
 * synchronous engines). A device request costs the storage's idle latency plus the
 * transfer ({@link StorageModel}), stretched by queueing from the other guests' I/O on
 * the node; buffered writes ({@code direct=0}) land in the page cache in a few
 * microseconds until the device's write bandwidth throttles them. IOPS = depth /
 * latency, capped by what the storage has left. While fio runs the guest's disk load
 * rises by what it does.
 */
final class Fio {

    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);
    private static final String[] PERCENTILES = {"1.000000", "5.000000", "10.000000", "20.000000", "30.000000",
        "40.000000", "50.000000", "60.000000", "70.000000", "80.000000", "90.000000", "95.000000", "99.000000",
        "99.500000", "99.900000", "99.950000", "99.990000"};
    private static final int MAX_SAMPLES = 20_000;

    GuestRun run(VmInfo vm, List<String> args, ClusterModel model) {
        Map<String, String> echo = new LinkedHashMap<>();
        boolean timeBased = false;
        boolean json = false;
        boolean groupReporting = false;
        for (String a : args) {
            if (!a.startsWith("--")) {
                return GuestRun.done(Reply.error("fio: job file/option '" + a + "' not supported by the twin\n", 1),
                        Duration.ZERO);
            }
            String opt = a.substring(2);
            int eq = opt.indexOf('=');
            if (eq < 0) {
                switch (opt) {
                    case "time_based" -> timeBased = true;
                    case "group_reporting" -> groupReporting = true;
                    case "version" -> {
                        return GuestRun.done(Reply.ok("fio-3.33\n"), Duration.ZERO);
                    }
                    default -> echo.put(opt, "");
                }
                continue;
            }
            String key = opt.substring(0, eq);
            String value = opt.substring(eq + 1);
            if (key.equals("output-format")) {
                json = value.equals("json");
            } else {
                echo.put(key, value);
            }
        }
        if (!echo.containsKey("name")) {
            return GuestRun.done(Reply.error("No job(s) defined\n\n" + "fio-3.33\n", 1), Duration.ZERO);
        }
        String rw = echo.getOrDefault("rw", "read");
        if (!List.of("read", "write", "randread", "randwrite", "rw", "readwrite", "randrw").contains(rw)) {
            return GuestRun.done(Reply.error("fio: failed parsing rw=" + rw + "\n", 1), Duration.ZERO);
        }
        long bs;
        long size;
        try {
            bs = echo.containsKey("bs") ? StressNg.bytes(echo.get("bs"), 0, 1) : 4096;
            size = echo.containsKey("size") ? StressNg.bytes(echo.get("size"), 0, 1) : 0;
        } catch (NumberFormatException e) {
            return GuestRun.done(Reply.error("fio: failed parsing " + e.getMessage() + "\n", 1), Duration.ZERO);
        }
        if (size <= 0) {
            return GuestRun.done(Reply.error("fio: you need to specify size=\n", 1), Duration.ZERO);
        }
        String engine = echo.getOrDefault("ioengine", "psync");
        boolean async = engine.equals("libaio") || engine.equals("io_uring");
        int depth = async ? Integer.parseInt(echo.getOrDefault("iodepth", "1")) : 1;
        int jobs = Integer.parseInt(echo.getOrDefault("numjobs", "1"));
        boolean direct = echo.getOrDefault("direct", "0").equals("1");
        double readShare = switch (rw) {
            case "read", "randread" -> 1;
            case "write", "randwrite" -> 0;
            default -> Integer.parseInt(echo.getOrDefault("rwmixread", "50")) / 100.0;
        };
        boolean random = rw.startsWith("rand");
        Double runtimeSeconds = echo.containsKey("runtime") ? StressNg.seconds(echo.get("runtime")) : null;

        Random rnd = model.randoms().next("fio/" + vm.vmid());
        LoadModel.VmLoad guest = model.vmLoad(vm.vmid());
        LoadModel.NodeLoad node = model.nodeLoad(model.nodeOf(vm.vmid()));
        StorageModel st = model.storage();
        double cpuShare = Math.max(0.05, guest.guestShare());
        double queue = StorageModel.queueing(node.storageUtilization());
        double overhead = (async ? 4 : 6) / cpuShare;
        double transfer = bs / st.bandwidth() * 1e6;
        double seqBonus = random ? 1 : 0.35;
        double readLat = (st.readLatencyMicros() * seqBonus + transfer) * queue + overhead + 9;
        double writeLat = direct ? (st.writeLatencyMicros() * seqBonus + transfer) * queue + overhead + 9
                : 2.6 + bs / 8e9 * 1e6 + overhead * 0.2;
        double meanLat = readShare * readLat + (1 - readShare) * writeLat;
        double iopsPerJob = depth / meanLat * 1e6;
        // what the storage has left after the other guests' I/O bounds the whole group
        double left = Math.max(0.05, 1 - Math.min(0.95, node.storageUtilization()));
        double deviceShare = readShare + (1 - readShare) * (direct ? 1 : 0.9);
        double own = st.utilization(iopsPerJob * jobs * bs * deviceShare, iopsPerJob * jobs * deviceShare);
        double scale = own > left ? left / own : 1;
        iopsPerJob *= scale;
        readLat /= scale;
        writeLat /= scale;

        double seconds = runtimeSeconds == null ? Double.MAX_VALUE : runtimeSeconds;
        if (!timeBased) {
            seconds = Math.min(seconds, size / (iopsPerJob * bs));
        }
        long runtimeMs = Math.max(1, Math.round(seconds * 1000));
        double iopsTotal = iopsPerJob * jobs;
        model.startLoad(vm.vmid(), "fio", Duration.ofMillis(runtimeMs), new GuestLoad.Demand(jobs * 0.4,
                Math.min(jobs, iopsTotal * 12e-6 / cpuShare), jobs * 0.8, jobs * (bs * depth + (4L << 20)),
                (1 - readShare) * iopsTotal * bs * (direct ? 0.02 : 1), readShare * iopsTotal * bs,
                (1 - readShare) * iopsTotal * bs, iopsTotal, 0, 0));

        Instant now = model.clock().now();
        Instant finished = now.plusMillis(runtimeMs);
        List<Object> jobList = new ArrayList<>();
        long[] diskIos = new long[2];
        int entries = groupReporting ? 1 : jobs;
        int per = groupReporting ? jobs : 1;
        for (int j = 0; j < entries; j++) {
            jobList.add(job(echo, runtimeMs, per, iopsPerJob, readShare, readLat, writeLat, bs, depth, async, direct,
                    rnd, diskIos));
        }
        JsonObject doc = new JsonObject().put("fio version", "fio-3.33")
                .put("timestamp", finished.getEpochSecond()).put("timestamp_ms", finished.toEpochMilli())
                .put("time", CTIME.format(finished)).put("jobs", jobList);
        long readTicks = Math.round(diskIos[0] * readLat / 1000);
        long writeTicks = Math.round(diskIos[1] * writeLat / 1000);
        doc.put("disk_util", List.of(new JsonObject().put("name", "sda").put("read_ios", diskIos[0])
                .put("write_ios", diskIos[1]).put("read_merges", 0).put("write_merges", 0)
                .put("read_ticks", readTicks).put("write_ticks", writeTicks).put("in_queue", readTicks + writeTicks)
                .put("util", Math.min(100.0, 20 + 60 * rnd.nextDouble() + 20 * Math.min(1, scale < 1 ? 1 : 0)))));
        String text = json ? FioJson.print(doc) : plain(echo.get("name"), rw);
        return GuestRun.done(Reply.ok(text), Duration.ofMillis(runtimeMs + 1000));
    }

    private static String plain(String name, String rw) {
        return name + ": (g=0): rw=" + rw + ", (the twin prints only --output-format=json)\n";
    }

    private static JsonObject job(Map<String, String> echo, long runtimeMs, int jobs, double iopsPerJob,
                                  double readShare, double readLat, double writeLat, long bs, int depth,
                                  boolean async, boolean direct, Random rnd, long[] diskIos) {
        JsonObject options = new JsonObject();
        echo.forEach((k, v) -> {
            if (!v.isEmpty()) {
                options.put(k, v);
            }
        });
        long totalIos = Math.round(iopsPerJob * jobs * runtimeMs / 1000.0);
        long reads = Math.round(totalIos * readShare * (1 + (readShare > 0 && readShare < 1
                ? 0.01 * rnd.nextGaussian() : 0)));
        long writes = totalIos - reads;
        diskIos[0] += reads;
        diskIos[1] += direct ? writes : writes / 2;
        JsonObject j = new JsonObject().put("jobname", echo.get("name")).put("groupid", 0).put("error", 0)
                .put("eta", 0).put("elapsed", runtimeMs / 1000 + 1).put("job options", options)
                .put("read", direction(reads, runtimeMs, readLat, bs, async, rnd))
                .put("write", direction(writes, runtimeMs, writeLat, bs, async, rnd))
                .put("trim", direction(0, 0, 0, bs, async, rnd))
                .put("sync", new JsonObject().put("total_ios", 0).put("lat_ns", stats(new long[0])));
        double busy = Math.min(100, totalIos * 10e-6 / (runtimeMs / 1000.0) * 100 / jobs);
        j.put("job_runtime", runtimeMs).put("usr_cpu", busy * 0.04 + rnd.nextDouble())
                .put("sys_cpu", busy * 0.9 + rnd.nextDouble() * 2)
                .put("ctx", totalIos + rnd.nextInt(1000)).put("majf", 0).put("minf", 13 + rnd.nextInt(20));
        j.put("iodepth_level", levels(new String[] {"1", "2", "4", "8", "16", "32", ">=64"}, depth));
        j.put("iodepth_submit", levels(new String[] {"0", "4", "8", "16", "32", "64", ">=64"}, Math.max(1, depth)));
        j.put("iodepth_complete", levels(new String[] {"0", "4", "8", "16", "32", "64", ">=64"},
                Math.max(1, depth)));
        long[] all = concat(samples(reads, readLat, rnd), samples(writes, writeLat, rnd));
        j.put("latency_ns", buckets(all, new String[] {"2", "4", "10", "20", "50", "100", "250", "500", "750",
            "1000"}, 1));
        j.put("latency_us", buckets(all, new String[] {"2", "4", "10", "20", "50", "100", "250", "500", "750",
            "1000"}, 1_000));
        j.put("latency_ms", buckets(all, new String[] {"2", "4", "10", "20", "50", "100", "250", "500", "750",
            "1000", "2000", ">=2000"}, 1_000_000));
        j.put("latency_depth", depth).put("latency_target", 0).put("latency_percentile", 100.0)
                .put("latency_window", 0);
        return j;
    }

    private static JsonObject direction(long ios, long runtimeMs, double meanLatMicros, long bs, boolean async,
                                        Random rnd) {
        long bytes = ios * bs;
        long bwBytes = runtimeMs > 0 && ios > 0 ? bytes * 1000 / runtimeMs : 0;
        long[] clat = samples(ios, meanLatMicros, rnd);
        long[] slat = async && ios > 0 ? samples(ios, 2.5, rnd) : new long[0];
        JsonObject d = new JsonObject().put("io_bytes", bytes).put("io_kbytes", bytes / 1024)
                .put("bw_bytes", bwBytes).put("bw", bwBytes / 1024)
                .put("iops", runtimeMs > 0 ? ios * 1000.0 / runtimeMs : 0.0).put("runtime", ios > 0 ? runtimeMs : 0)
                .put("total_ios", ios).put("short_ios", 0).put("drop_ios", 0);
        d.put("slat_ns", stats(slat, async ? ios : 0));
        JsonObject c = stats(clat, ios);
        if (ios > 0) {
            long[] sorted = clat.clone();
            Arrays.sort(sorted);
            JsonObject p = new JsonObject();
            for (String key : PERCENTILES) {
                double q = Double.parseDouble(key) / 100;
                int idx = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
                p.put(key, bucket(sorted[idx]));
            }
            c.put("percentile", p);
        }
        d.put("clat_ns", c);
        long[] lat = clat.clone();
        for (int i = 0; i < lat.length; i++) {
            lat[i] += (slat.length > 0 ? slat[i % slat.length] : 0) + 10 + rnd.nextInt(20);
        }
        d.put("lat_ns", stats(lat, ios));
        int samples = ios > 0 ? (int) Math.max(1, runtimeMs / 500 - 1) : 0;
        double kib = bwBytes / 1024.0;
        double iops = runtimeMs > 0 ? ios * 1000.0 / runtimeMs : 0;
        double dev = ios > 0 ? 0.03 : 0;
        d.put("bw_min", Math.round(kib * (1 - 2 * dev))).put("bw_max", Math.round(kib * (1 + 2 * dev)))
                .put("bw_agg", ios > 0 ? 100.0 : 0.0).put("bw_mean", kib * (1 + dev * rnd.nextGaussian() / 3))
                .put("bw_dev", kib * dev).put("bw_samples", samples)
                .put("iops_min", Math.round(iops * (1 - 2 * dev))).put("iops_max", Math.round(iops * (1 + 2 * dev)))
                .put("iops_mean", iops * (1 + dev * rnd.nextGaussian() / 3)).put("iops_stddev", iops * dev)
                .put("iops_samples", samples);
        return d;
    }

    /** Latencies in ns around a mean (log-normal body, a slow tail of flushes and interrupts). */
    private static long[] samples(long ios, double meanMicros, Random rnd) {
        int n = (int) Math.min(ios, MAX_SAMPLES);
        long[] s = new long[n];
        double sigma = 0.3;
        double mu = Math.log(meanMicros * 1000) - sigma * sigma / 2;
        for (int i = 0; i < n; i++) {
            double v = Math.exp(mu + sigma * rnd.nextGaussian());
            if (rnd.nextInt(200) == 0) {
                v *= 5 + rnd.nextInt(30);
            }
            s[i] = Math.max(200, Math.round(v));
        }
        return s;
    }

    private static JsonObject stats(long[] values) {
        return stats(values, 0);
    }

    private static JsonObject stats(long[] values, long n) {
        if (values.length == 0 || n == 0) {
            return new JsonObject().put("min", 0).put("max", 0).put("mean", 0.0).put("stddev", 0.0).put("N", 0);
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        double sum = 0;
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        double mean = sum / values.length;
        double var = 0;
        for (long v : values) {
            var += (v - mean) * (v - mean);
        }
        double stddev = values.length > 1 ? Math.sqrt(var / (values.length - 1)) : 0;
        return new JsonObject().put("min", min).put("max", max).put("mean", mean).put("stddev", stddev).put("N", n);
    }

    /** fio reports a percentile as the midpoint of its histogram bucket (6 bits of mantissa). */
    static long bucket(long value) {
        if (value < 128) {
            return value;
        }
        int msb = 63 - Long.numberOfLeadingZeros(value);
        long width = 1L << (msb - 6);
        return value / width * width + width / 2;
    }

    private static JsonObject levels(String[] keys, int depth) {
        JsonObject o = new JsonObject();
        int hit = keys.length - 1;
        for (int i = 0; i < keys.length - 1; i++) {
            if (!keys[i].equals("0") && depth <= Integer.parseInt(keys[i])) {
                hit = i;
                break;
            }
        }
        // iodepth_level: the queue fills through the smaller depths first (0.1 % each, as captured;
        // fio's shares need not add up to 100)
        boolean ramp = keys[0].equals("1") && hit > 0;
        for (int i = 0; i < keys.length; i++) {
            double share = i == hit ? (ramp ? 100.0 - 0.042 / depth : 100.0) : ramp && i < hit ? 0.1 : 0.0;
            o.put(keys[i], share);
        }
        return o;
    }

    /** Share of I/Os (percent) per latency bucket; a bucket holds values up to its key x unit. */
    private static JsonObject buckets(long[] all, String[] keys, long unitNanos) {
        JsonObject o = new JsonObject();
        long lower = unitNanos == 1 ? 0 : unitNanos;
        for (String key : keys) {
            long count = 0;
            if (key.startsWith(">=")) {
                long bound = Long.parseLong(key.substring(2)) * unitNanos;
                for (long v : all) {
                    count += v >= bound ? 1 : 0;
                }
            } else {
                long upper = Long.parseLong(key) * unitNanos;
                for (long v : all) {
                    count += v >= lower && v < upper ? 1 : 0;
                }
                lower = upper;
            }
            o.put(key, all.length == 0 ? 0.0 : count * 100.0 / all.length);
        }
        return o;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
