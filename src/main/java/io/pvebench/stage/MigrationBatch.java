package io.pvebench.stage;

import io.pvebench.guest.GuestVm;
import io.pvebench.pipeline.MigrationSettings;
import io.pvebench.proxmox.FollowedMigration;
import io.pvebench.proxmox.MigrationFollower;
import io.pvebench.proxmox.MigrationRequest;
import io.pvebench.proxmox.ProxmoxException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Which of a spec's VMs a case migrates, and where to, and how: one after the other or all at once. */
final class MigrationBatch {

    private MigrationBatch() {
    }

    /**
     * The migrations {@code move} asks for, the server VM's first (the one the probes watch):
     * each VM from the node it is on now to the configured target, or another node.
     */
    static List<MigrationRequest> requests(CaseContext kase, MigrationSettings settings, VmPair pair, String source) {
        RunContext run = kase.run();
        String peer = run.nodeOf(pair.client().vmid());
        List<MigrationRequest> requests = new ArrayList<>();
        requests.add(request(settings, pair.server().vmid(), source,
                settings.target().orElseGet(() -> target(run.cluster().nodes(), source, peer))));
        if (settings.move() != MigrationSettings.Move.SERVER) {
            for (GuestVm vm : run.loaded(kase.plan().vmSpec().name())) {
                String at = run.nodeOf(vm.vmid());
                boolean wanted = settings.move() == MigrationSettings.Move.ALL || at.equals(source);
                if (vm.vmid() != pair.server().vmid() && wanted) {
                    requests.add(request(settings, vm.vmid(), at,
                            settings.target().filter(t -> !t.equals(at))
                                    .orElseGet(() -> target(run.cluster().nodes(), at, null))));
                }
            }
        }
        return requests;
    }

    private static MigrationRequest request(MigrationSettings settings, int vmid, String from, String to) {
        return new MigrationRequest(vmid, from, to, settings.withLocalDisks(), settings.targetStorage(),
                settings.bandwidthLimitKib(), settings.migrationNetwork(), settings.withConntrackState());
    }

    /** One after the other, or all at once; in the order asked either way. */
    static List<FollowedMigration> run(MigrationFollower follower, List<MigrationRequest> requests,
                                       MigrationSettings settings) {
        if (!settings.parallel() || requests.size() == 1) {
            return requests.stream().map(r -> follow(follower, r, settings.timeout())).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(requests.size(), r -> {
            Thread t = new Thread(r, "pvebench-migrate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FollowedMigration>> running = requests.stream()
                    .map(r -> pool.submit(() -> follow(follower, r, settings.timeout()))).toList();
            List<FollowedMigration> done = new ArrayList<>();
            for (Future<FollowedMigration> f : running) {
                done.add(f.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStoppedException("interrupted during parallel migrations");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new ProxmoxException(
                    "a parallel migration failed: " + e.getCause().getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Another node than the VM's, one its peer is not on when there is one, so the path stays
     * what it was; {@code peer} may be null.
     */
    private static String target(List<String> nodes, String source, String peer) {
        List<String> others = nodes.stream().filter(n -> !n.equals(source)).toList();
        if (others.isEmpty()) {
            throw new ProxmoxException("a live migration needs a second node; the cluster has only " + nodes);
        }
        return others.stream().filter(n -> !n.equals(peer)).findFirst().orElse(others.get(0));
    }

    private static FollowedMigration follow(MigrationFollower follower, MigrationRequest request, Duration timeout) {
        try {
            return follower.migrate(request, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStoppedException("interrupted during the migration of vm " + request.vmid());
        }
    }
}
