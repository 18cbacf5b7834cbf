package io.pvebench.stage;

import io.pvebench.measure.Metric;
import io.pvebench.measure.Sample;
import io.pvebench.proxmox.ClusterResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes a case's measurements with a snapshot of the nodes' CPU and memory use from
 * {@code /cluster/resources}, so every case carries the state the cluster was in.
 */
public final class CollectStage {

    public static final String NAME = "collect";

    public void run(CaseContext kase) {
        StepScope.run(kase, NAME, log -> {
            Instant now = kase.run().clusterClock().now();
            List<Sample> samples = new ArrayList<>();
            for (ClusterResource r : kase.run().cluster().resources()) {
                if (!"node".equals(r.type()) || r.cpu() == null || r.mem() == null) {
                    continue;
                }
                samples.add(Sample.of(Metric.NODE_CPU, r.cpu() * 100, kase.labels(r.node()), now));
                samples.add(Sample.of(Metric.NODE_MEMORY, r.mem(), kase.labels(r.node()), now));
            }
            kase.addSamples(samples);
        });
    }
}
