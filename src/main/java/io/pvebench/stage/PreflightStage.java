package io.pvebench.stage;

import io.pvebench.guest.GuestTools;
import io.pvebench.guest.GuestVm;
import io.pvebench.pipeline.VmSpec;
import io.pvebench.proxmox.ClusterResource;
import io.pvebench.proxmox.ClusterStatus;
import io.pvebench.proxmox.PveVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the cluster before any case runs: every node answers and says which Proxmox
 * VE it runs, the cluster is quorate, and every VM of each spec (listed, or cloned by
 * {@link ProvisionStage}) exists, runs, has the size its spec claims and a guest agent
 * that runs iperf3 and ping (and stress-ng when a scenario puts load on the VMs). Finds
 * each spec's VM pair and the server's address. Reads each node's fingerprint (packages,
 * devices and MTUs, bonds, corosync links, storage: {@link NodeFingerprints}) into the run's
 * environment; a node that does not tell a fact leaves it unknown, with a warning, and is no problem.
 * Throws {@link PreflightException} with every problem found, so nothing runs against a
 * cluster that does not match the pipeline.
 */
public final class PreflightStage {

    public void run(RunContext run) {
        run.shell().enter("run", "preflight");
        Map<String, String> facts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();

        for (String node : run.cluster().nodes()) {
            PveVersion version = run.cluster().version(node);
            facts.put("pve.version." + node, version.manager());
            facts.put("kernel." + node, version.kernel());
            facts.putIfAbsent("pve.version", version.manager());
        }
        facts.putAll(NodeFingerprints.read(run));
        ClusterStatus status = run.cluster().status();
        facts.put("cluster.name", status.name());
        facts.put("cluster.quorate", String.valueOf(status.quorate()));
        facts.put("cluster.nodes", status.nodes().size() + " (" + status.onlineCount() + " online)");
        if (!status.quorate()) {
            problems.add("cluster '" + status.name() + "' is not quorate (" + status.onlineCount() + " of "
                    + status.nodes().size() + " nodes online)");
        }

        List<ClusterResource> resources = run.cluster().resources();
        for (VmSpec spec : run.pipeline().vmSpecs()) {
            List<GuestVm> found = new ArrayList<>();
            List<Integer> vmids = run.vmids(spec);
            if (vmids.isEmpty()) {
                problems.add("spec '" + spec.name() + "' has no VMs: its " + spec.source().describe()
                        + " were not made (is 'direct:provision' in the run route before preflight?)");
            }
            for (int vmid : vmids) {
                checkVm(spec, vmid, resources, problems).ifPresent(found::add);
            }
            if (found.size() == vmids.size() && found.size() >= 2) {
                List<String> unready = new ArrayList<>();
                found.subList(0, 2).forEach(vm -> unready.addAll(run.probes().readiness(vm)));
                if (run.pipeline().migration().isPresent()) {
                    unready.addAll(GuestTools.missing(run.guests(), found.get(1), GuestTools.MIGRATION_PEER));
                    unready.addAll(GuestTools.missing(run.guests(), found.get(0), GuestTools.MIGRATING));
                } else if (run.pipeline().failover().isPresent()) {
                    unready.addAll(GuestTools.missing(run.guests(), found.get(1), GuestTools.FAILOVER_PEER));
                }
                if (needsLoad(run)) {
                    found.forEach(vm -> unready.addAll(GuestTools.missing(run.guests(), vm, GuestTools.LOAD)));
                }
                problems.addAll(unready);
                if (unready.isEmpty()) {
                    GuestVm server = found.get(0);
                    GuestVm client = found.get(1);
                    VmPair pair = new VmPair(server, client, run.guests().address(server));
                    run.pair(spec.name(), pair);
                    run.loaded(spec.name(), found);
                    facts.put("vmSpec." + spec.name(), server + " <- " + client + " (" + pair.path() + ")");
                }
            }
        }
        run.addEnvironment(facts);
        run.events().environment(run.environment());
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
    }

    /** Whether a scenario of the pipeline puts load on the VMs (then they need stress-ng). */
    private static boolean needsLoad(RunContext run) {
        return run.pipeline().scenarios().stream().anyMatch(s -> run.pipeline().load(s).putsLoad());
    }

    private static Optional<GuestVm> checkVm(VmSpec spec, int vmid, List<ClusterResource> resources,
                                             List<String> problems) {
        Optional<ClusterResource> vm = resources.stream()
                .filter(r -> "qemu".equals(r.type()) && Integer.valueOf(vmid).equals(r.vmid()))
                .findFirst();
        if (vm.isEmpty()) {
            problems.add("vm " + vmid + " of spec '" + spec.name() + "' is not in /cluster/resources");
            return Optional.empty();
        }
        ClusterResource r = vm.get();
        if (!"running".equals(r.status())) {
            problems.add("vm " + vmid + " of spec '" + spec.name() + "' is " + r.status() + ", not running");
            return Optional.empty();
        }
        if (r.maxcpu() != null && r.maxcpu() != spec.cores()) {
            problems.add("vm " + vmid + " has " + r.maxcpu() + " vCPUs, spec '" + spec.name() + "' says "
                    + spec.cores());
        }
        if (r.maxmem() != null && r.maxmem() != spec.memoryBytes()) {
            problems.add("vm " + vmid + " has " + r.maxmem() + " bytes of memory, spec '" + spec.name()
                    + "' says " + spec.memoryBytes());
        }
        return Optional.of(new GuestVm(vmid, r.node()));
    }
}
