package io.pvebench.stage;

import io.pvebench.guest.GuestResult;
import io.pvebench.guest.NetworkProbes;
import io.pvebench.measure.Iperf3Json;
import io.pvebench.measure.PingOutput;
import io.pvebench.pipeline.MeasureSettings;
import java.util.Map;

/**
 * Measures the network between a spec's two VMs without load: an iperf3 TCP test from
 * the client to the server, then a ping probe. Samples come from parsing the tools'
 * own outputs, which are kept. Running it twice does no harm: the server is one-shot
 * and teardown stops any that is left.
 */
public final class BaselineStage {

    public static final String NAME = "baseline";

    private final Iperf3Json iperf3 = new Iperf3Json();
    private final PingOutput pingOutput = new PingOutput();

    public void run(CaseContext kase) {
        StepScope.run(kase, NAME, log -> {
            VmPair pair = kase.run().pair(kase.plan().vmSpec().name());
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
            GuestResult server = probes.startIperf3Server(pair.server());
            log.attach(GuestOutputs.keep(kase, NAME, "iperf3 server", server));
            if (!server.succeeded()) {
                throw new ProbeFailedException("iperf3 server in " + pair.server() + " exited " + server.exitCode()
                        + ": " + server.stderr().strip());
            }
            GuestResult client = probes.iperf3Client(pair.client(), pair.serverAddress(),
                    measure.iperf3().duration(), measure.iperf3().streams());
            log.attach(GuestOutputs.keep(kase, NAME, "iperf3 client", client));
            kase.addSamples(iperf3.parse(client.stdout(), labels));

            GuestResult ping = probes.ping(pair.client(), pair.serverAddress(), measure.ping().count(),
                    measure.ping().interval());
            log.attach(GuestOutputs.keep(kase, NAME, "ping", ping));
            kase.addSamples(pingOutput.parse(ping.stdout(), labels, kase.run().clusterClock().now()));
        });
    }
}
