package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NodeInfo;
import io.pvebench.sim.model.NodeStats;
import io.pvebench.sim.model.VersionProfile;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code GET /nodes/{node}/status}: the fields pve-manager {@code PVE/API2/Nodes.pm}
 * ({@code status}, master after 9.0 and {@code stable-8}) returns: {@code uptime idle
 * loadavg kversion current-kernel boot-info cpuinfo cpu wait memory ksm swap pveversion
 * rootfs}. {@code loadavg} is three strings ({@code ProcFSTools::read_loadavg});
 * {@code memory.available} only on 9.x (added 2025-08-04, "api: node status: add the
 * available memory"); {@code cpuinfo.mhz} and {@code hvm} are strings as read from
 * {@code /proc/cpuinfo}. CPU, iowait and memory come from the load model as pvestatd
 * last sampled them; an offline node cannot be reached ({@code 595}).
 */
final class NodeStatusApi implements ApiHandler {

    private static final String CPU_MODEL = "Intel(R) Xeon(R) Silver 4208 CPU @ 2.10GHz";
    private static final String FLAGS = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36"
            + " clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc art"
            + " arch_perfmon pebs bts rep_good nopl xtopology nonstop_tsc cpuid aperfmperf pni pclmulqdq dtes64"
            + " monitor ds_cpl vmx smx est tm2 ssse3 sdbg fma cx16 xtpr pdcm pcid dca sse4_1 sse4_2 x2apic movbe"
            + " popcnt tsc_deadline_timer aes xsave avx f16c rdrand lahf_lm abm 3dnowprefetch cpuid_fault epb"
            + " cat_l3 cdp_l3 invpcid_single ssbd mba ibrs ibpb stibp ibrs_enhanced tpr_shadow flexpriority ept"
            + " vpid ept_ad fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid cqm mpx rdt_a avx512f avx512dq"
            + " rdseed adx smap clflushopt clwb intel_pt avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1"
            + " xsaves cqm_llc cqm_occup_llc cqm_mbm_total cqm_mbm_local dtherm ida arat pln pts pku ospke"
            + " avx512_vnni md_clear flush_l1d arch_capabilities";
    private static final long SWAP = 8L << 30;

    /**
     * {@code Nodes.pm} {@code status} declares only these properties (master and
     * {@code stable-8}), so pvesh's text table shows only them, not {@code uptime idle
     * kversion ksm swap wait}.
     */
    private static final ApiSchema SCHEMA = ApiSchema.object(List.of(ApiSchema.req("boot-info", "object"),
            ApiSchema.req("current-kernel", "object"), ApiSchema.req("cpu", "number"),
            ApiSchema.req("cpuinfo", "object"), ApiSchema.req("loadavg", "array"), ApiSchema.req("memory", "object"),
            ApiSchema.req("pveversion", "string"), ApiSchema.req("rootfs", "object")));

    @Override
    public ApiSchema returns(ApiRequest request) {
        return SCHEMA;
    }

    @Override
    public Object get(ApiRequest request) {
        request.allowOnly();
        ClusterModel model = request.invocation().model();
        String name = request.var("node");
        NodeInfo node;
        try {
            node = model.node(name);
        } catch (IllegalArgumentException e) {
            throw new ApiError("hostname lookup '" + name + "' failed - failed to get address info for: " + name
                    + ": Name or service not known");
        }
        if (!model.online(name)) {
            throw new ApiError("595 Connection refused");
        }
        return status(model, node);
    }

    static JsonObject status(ClusterModel model, NodeInfo node) {
        VersionProfile profile = model.profile();
        NodeStats stats = model.nodeStats(node.name());
        Random r = model.randoms().next("node-status/" + node.name());
        double[] load = model.nodeLoadavg(node.name());
        String kernelVersion = "#1 SMP PREEMPT_DYNAMIC PMX " + profile.kernel().replace("-pve", "")
                + (profile.memhost() ? " (2026-10-28T09:14Z)" : " (2025-11-03T12:37Z)");
        long total = node.memoryBytes() - (410L << 20);
        long used = Math.min(total, stats.mem());
        long free = total - used;
        JsonObject memory = new JsonObject();
        if (profile.memhost()) {
            memory.put("available", Math.min(total, free + (900L << 20) + r.nextInt(64 << 20)));
        }
        memory.put("free", free).put("total", total).put("used", used);
        long swapUsed = (3L << 20) + r.nextInt(8 << 20);
        long rootTotal = node.diskBytes() - (5L << 30);
        long rootUsed = stats.disk();
        long mhz = 2_100_000 + model.randoms().fixed("mhz/" + node.name()).nextInt(1_000_000);
        return new JsonObject()
                .put("boot-info", new JsonObject().put("mode", "efi").put("secureboot", 0))
                .put("cpu", stats.cpu())
                .put("cpuinfo", new JsonObject().put("cores", node.cores() / 2).put("cpus", node.cores())
                        .put("flags", FLAGS).put("hvm", "1")
                        .put("mhz", String.format(Locale.ROOT, "%d.%03d", mhz / 1000, mhz % 1000))
                        .put("model", CPU_MODEL).put("sockets", 1).put("user_hz", 100))
                .put("current-kernel", new JsonObject().put("machine", "x86_64").put("release", profile.kernel())
                        .put("sysname", "Linux").put("version", kernelVersion))
                .put("idle", 0)
                .put("ksm", new JsonObject().put("shared", 0))
                .put("kversion", "Linux " + profile.kernel() + " " + kernelVersion)
                .put("loadavg", List.of(fmt(load[0]), fmt(load[1]), fmt(load[2])))
                .put("memory", memory)
                .put("pveversion", profile.managerWithRepoId())
                .put("rootfs", new JsonObject().put("avail", rootTotal - rootUsed - (rootTotal / 20))
                        .put("free", rootTotal - rootUsed).put("total", rootTotal).put("used", rootUsed))
                .put("swap", new JsonObject().put("free", SWAP - swapUsed).put("total", SWAP).put("used", swapUsed))
                .put("uptime", stats.uptime())
                .put("wait", round(0.0001 + 0.0004 * r.nextDouble() + model.nodeIowait(node.name()), 6));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
