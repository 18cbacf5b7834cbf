package io.pvebench.stage;

import io.pvebench.guest.GuestResult;
import io.pvebench.guest.GuestVm;
import io.pvebench.guest.NetworkProbes;
import io.pvebench.measure.Iperf3Json;
import io.pvebench.measure.PingOutput;
import io.pvebench.pipeline.MeasureSettings;
import io.pvebench.proxmox.ClusterResource;
import io.pvebench.run.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Measures the network between a spec's two VMs under the case's load (none for the
 * idle scenario, which makes it the baseline): an iperf3 TCP test client to server and,
 * unless turned off, server to client ({@code -R}), then a ping probe. Each test is a
 * phase of the case's timeline. Samples come from parsing the tools' own outputs, which
 * are kept. The iperf3 server is one-shot; teardown stops any that is left.
 */
public final class MeasureStage {

    public static final String NAME = "measure";

    private final Iperf3Json iperf3 = new Iperf3Json();
    private final PingOutput pingOutput = new PingOutput();

    /** After a failover, a VM of the pair that is not running (left in recovery, or in error): which one. */
    private static Optional<String> downAfterFailover(CaseContext kase, VmPair pair) {
        if (kase.run().pipeline().failover().isEmpty()) {
            return Optional.empty();
        }
        List<ClusterResource> resources = kase.run().cluster().resources();
        for (GuestVm vm : List.of(pair.server(), pair.client())) {
            boolean running = resources.stream().anyMatch(r -> r.isVm() && Integer.valueOf(vm.vmid()).equals(r.vmid())
                    && "running".equals(r.status()));
            if (!running) {
                return Optional.of("vm " + vm.vmid() + " is not running after the failover");
            }
        }
        return Optional.empty();
    }

    public void run(CaseContext kase) {
        StepScope.run(kase, NAME, log -> {
            VmPair found = kase.run().pair(kase.plan().vmSpec().name());
            Optional<String> down = downAfterFailover(kase, found);
            if (down.isPresent()) {
                // the failover's verdict says why; a network between a VM and nothing is not a measurement
                log.note("network not measured: " + down.get());
                return;
            }
            // a balancer or a failover may have moved the VMs since preflight: label the path they take now
            boolean moved = kase.run().pipeline().balance().isPresent() || kase.run().pipeline().failover().isPresent();
            VmPair pair = moved ? found.on(kase.run().nodeOf(found.server().vmid()),
                    kase.run().nodeOf(found.client().vmid())) : found;
            MeasureSettings measure = kase.run().pipeline().measure();
            NetworkProbes probes = kase.run().probes();
            Map<String, String> labels = kase.labels(pair.client().node());
            labels.put("peer", pair.server().node());
            labels.put("path", pair.path());

            kase.recordChange("iperf3 server in " + pair.server(), () -> {
                GuestResult stop = probes.stopIperf3Server(pair.server());
                if (!NetworkProbes.stopped(stop)) {
                    throw new ProbeFailedException("pkill of the iperf3 server in " + pair.server() + " exited "
                            + stop.exitCode() + ": " + stop.stderr().strip());
                }
            });
            for (boolean reverse : measure.iperf3().reverse() ? new boolean[] {false, true} : new boolean[] {false}) {
                String direction = reverse ? "reverse" : "forward";
                GuestResult server = probes.startIperf3Server(pair.server());
                log.attach(GuestOutputs.keep(kase, NAME, "iperf3 server " + direction, server));
                if (!server.succeeded()) {
                    throw new ProbeFailedException("iperf3 server in " + pair.server() + " exited "
                            + server.exitCode() + ": " + server.stderr().strip());
                }
                GuestResult client = phase(kase, "iperf3 " + direction, () -> probes.iperf3Client(pair.client(),
                        pair.serverAddress(), measure.iperf3().duration(), measure.iperf3().streams(), reverse));
                log.attach(GuestOutputs.keep(kase, NAME, "iperf3 client " + direction, client));
                kase.addSamples(iperf3.parse(client.stdout(), labels));
            }
            GuestResult ping = phase(kase, "latency", () -> probes.ping(pair.client(), pair.serverAddress(),
                    measure.ping().count(), measure.ping().interval()));
            log.attach(GuestOutputs.keep(kase, NAME, "ping", ping));
            kase.addSamples(pingOutput.parse(ping.stdout(), labels, kase.run().clusterClock().now()));
        });
    }

    /** Runs {@code work} as a named phase of the case's timeline, on the cluster's clock. */
    private static <T> T phase(CaseContext kase, String name, Supplier<T> work) {
        Instant start = kase.run().clusterClock().now();
        try {
            return work.get();
        } finally {
            kase.addPhase(new Phase(name, start, kase.run().clusterClock().now()));
        }
    }
}
