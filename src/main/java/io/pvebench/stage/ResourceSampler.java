package io.pvebench.stage;

import io.pvebench.measure.MalformedOutputException;
import io.pvebench.measure.PveshResources;
import io.pvebench.measure.Sample;
import io.pvebench.proxmox.ClusterClock;
import io.pvebench.proxmox.ProxmoxException;
import io.pvebench.run.RunFolder;
import io.pvebench.ssh.SshException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads {@code pvesh get /cluster/resources} every {@code every} of cluster time on its
 * own thread while a case runs, and turns each listing into node and guest usage
 * samples (the nodes' and the case's own VMs'), stamped with the cluster's clock. Every
 * listing is kept, one JSON line per read, in {@code raw/CASE/cluster-resources.jsonl};
 * a read that fails is kept there with its reason and the sampling goes on, since a
 * node that stops answering is exactly what a time series should show.
 *
 * <p>Note on what the values mean: Proxmox refreshes them when pvestatd runs (every
 * 10 s), so sampling every second shows steps, each the mean of pvestatd's last period.
 */
final class ResourceSampler {

    static final String RAW_FILE = "cluster-resources.jsonl";

    private final Supplier<String> read;
    private final ClusterClock clock;
    private final RunFolder folder;
    private final String caseId;
    private final Map<String, String> labels;
    private final Set<String> vmids;
    private final Duration every;
    private final PveshResources parser = new PveshResources();
    private final List<Sample> samples = new ArrayList<>();
    private final List<Instant> readAt = new ArrayList<>();
    private final Pacer pacer;
    private Thread thread;

    /**
     * @param read   runs the listing (without filing it per command) and returns pvesh's output
     * @param labels the case's labels; each sample's node comes from the listing
     * @param vmids  the guests whose usage is kept
     */
    ResourceSampler(Supplier<String> read, ClusterClock clock, RunFolder folder, String caseId,
                    Map<String, String> labels, Set<String> vmids, Duration every) {
        this.read = read;
        this.clock = clock;
        this.folder = folder;
        this.caseId = caseId;
        this.labels = new LinkedHashMap<>(labels);
        this.vmids = Set.copyOf(vmids);
        this.every = every;
        this.pacer = new Pacer(clock);
    }

    /** Starts sampling now; the first read happens at once. */
    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the sampler runs already");
        }
        thread = new Thread(this::loop, "pvebench-sampler-" + caseId);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops sampling, lets a read in flight finish (interrupting it could break the SSH
     * session other commands share), and returns every sample taken. Idempotent.
     */
    List<Sample> stop() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        pacer.stop();
        if (t != null) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            return List.copyOf(samples);
        }
    }

    /** How many listings were read at or after {@code t}. */
    synchronized long readingsSince(Instant t) {
        return readAt.stream().filter(at -> !at.isBefore(t)).count();
    }

    private void loop() {
        Instant next = clock.now();
        while (!pacer.stopped()) {
            sampleOnce();
            next = next.plus(every);
            if (!pacer.waitUntil(next)) {
                return;
            }
        }
    }

    private void sampleOnce() {
        Instant at = clock.now();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", at.toString());
        try {
            String json = read.get();
            line.put("stdout", json);
            List<Sample> kept = parser.parse(json, labels, at).stream().filter(this::wanted).toList();
            synchronized (this) {
                readAt.add(at);
                samples.addAll(kept);
            }
        } catch (SshException | ProxmoxException | MalformedOutputException e) {
            // kept in the raw listing; the series shows the gap
            line.put("failure", e.getMessage());
        }
        folder.appendRaw(caseId, RAW_FILE, line);
    }

    private boolean wanted(Sample s) {
        String vmid = s.labels().get("vmid");
        return vmid == null || vmids.contains(vmid);
    }
}
