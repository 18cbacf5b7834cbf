package io.pvebench.guest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The network measurements of a case, run inside guests: an iperf3 server in one VM,
 * an iperf3 client and a ping probe in another. Returns raw outputs; the caller parses.
 * Durations become the tools' own arguments, so the guest-side timeout always covers
 * the tool's run time.
 */
public final class NetworkProbes {

    /** Startup and teardown of a tool on top of its configured run time. */
    private static final Duration TOOL_SLACK = Duration.ofSeconds(20);
    /** iperf3's default control port. */
    public static final int IPERF3_PORT = 5201;

    private final GuestPort guests;

    public NetworkProbes(GuestPort guests) {
        this.guests = guests;
    }

    /** Starts a one-shot iperf3 server ({@code -s -1 -D}): it serves one client, then exits. */
    public GuestResult startIperf3Server(GuestVm server) {
        return guests.exec(server, List.of("iperf3", "-s", "-1", "-D", "-p", String.valueOf(IPERF3_PORT)),
                TOOL_SLACK);
    }

    /** Stops any iperf3 left in the guest (a server whose client never came). Exit 1 means none ran. */
    public GuestResult stopIperf3(GuestVm vm) {
        return guests.exec(vm, List.of("pkill", "-x", "iperf3"), TOOL_SLACK);
    }

    /** A TCP iperf3 client with JSON output, one summary per second. */
    public GuestResult iperf3Client(GuestVm client, String serverAddress, Duration duration, int streams) {
        List<String> argv = new ArrayList<>(List.of("iperf3", "-c", serverAddress, "-p", String.valueOf(IPERF3_PORT),
                "-J", "-i", "1", "-t", String.valueOf(seconds(duration)), "-P", String.valueOf(streams)));
        return guests.exec(client, argv, duration.plus(TOOL_SLACK));
    }

    /** iputils ping with epoch timestamps per reply ({@code -D}). */
    public GuestResult ping(GuestVm client, String target, int count, Duration interval) {
        String intervalSeconds = String.format(java.util.Locale.ROOT, "%.3f", interval.toMillis() / 1000.0);
        List<String> argv = List.of("ping", "-D", "-c", String.valueOf(count), "-i", intervalSeconds, target);
        return guests.exec(client, argv, interval.multipliedBy(count).plus(TOOL_SLACK));
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
