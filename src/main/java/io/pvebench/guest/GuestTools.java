package io.pvebench.guest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a guest has the programs a pipeline needs: each is asked for its version
 * through the agent. Stateless.
 */
public final class GuestTools {

    /** iperf3 and ping: the network measurements. */
    public static final List<List<String>> NETWORK = List.of(List.of("iperf3", "--version"), List.of("ping", "-V"));
    /** fping and curl: the probes a live migration's peer runs. */
    public static final List<List<String>> MIGRATION_PEER = List.of(List.of("fping", "-v"),
            List.of("curl", "--version"));
    /** fping: the peer's probe of whether the VMs of a failed node answer again. */
    public static final List<List<String>> FAILOVER_PEER = List.of(List.of("fping", "-v"));
    /** python3: the small HTTP server in a VM that migrates, for the application probe. */
    public static final List<List<String>> MIGRATING = List.of(List.of("python3", "--version"));
    /** stress-ng: the load scenarios. */
    public static final List<List<String>> LOAD = List.of(List.of("stress-ng", "--version"));

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private GuestTools() {
    }

    /**
     * What keeps {@code vm} from running {@code probes}: its agent does not answer, or a
     * program is missing. Empty when all are there.
     */
    public static List<String> missing(GuestPort guests, GuestVm vm, List<List<String>> probes) {
        List<String> problems = new ArrayList<>();
        for (List<String> probe : probes) {
            try {
                GuestResult result = guests.exec(vm, probe, TIMEOUT);
                if (!result.succeeded()) {
                    problems.add(vm + ": '" + String.join(" ", probe) + "' exited " + result.exitCode()
                            + " (is " + probe.get(0) + " installed?)");
                }
            } catch (GuestAgentException e) {
                problems.add(vm + ": " + e.getMessage());
                break;
            }
        }
        return problems;
    }
}
