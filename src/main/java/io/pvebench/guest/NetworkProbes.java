package io.pvebench.guest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    /** Where our server writes its pid, so teardown stops exactly it and no other iperf3. */
    static final String IPERF3_PID_FILE = "/tmp/pvebench-iperf3-" + IPERF3_PORT + ".pid";
    /**
     * A daemonised iperf3 ({@code -D}) binds after it forks, so its client may come too
     * early: a refused connection is retried this many times, a little later each time.
     */
    private static final int CONNECT_ATTEMPTS = 5;
    private static final Duration CONNECT_BACKOFF = Duration.ofMillis(300);

    private final GuestPort guests;

    public NetworkProbes(GuestPort guests) {
        this.guests = guests;
    }

    /**
     * Starts a one-shot iperf3 server ({@code -s -1 -D}): it serves one client, then exits
     * and removes its pid file. A daemon's bind errors go to /dev/null, so exit 0 says only
     * that the arguments were accepted; the client's connection is the real check.
     */
    public GuestResult startIperf3Server(GuestVm server) {
        return guests.exec(server, List.of("iperf3", "-s", "-1", "-D", "-p", String.valueOf(IPERF3_PORT),
                "-I", IPERF3_PID_FILE), TOOL_SLACK);
    }

    /**
     * Stops the server {@link #startIperf3Server} started, by its pid file. Exit 0: it was
     * still running and is stopped; exit 1: it had already exited (its client came) — both
     * leave the guest clean. Anything else is returned for the caller to treat as a failure.
     */
    public GuestResult stopIperf3Server(GuestVm vm) {
        return guests.exec(vm, List.of("pkill", "-F", IPERF3_PID_FILE), TOOL_SLACK);
    }

    /** Whether {@link #stopIperf3Server}'s result leaves the guest without our server. */
    public static boolean stopped(GuestResult stop) {
        return stop.exitCode() == 0 || stop.exitCode() == 1;
    }

    /**
     * A TCP iperf3 client with JSON output, one summary per second; a refused connection is
     * retried. {@code reverse}: the server sends and the client receives ({@code -R}).
     */
    public GuestResult iperf3Client(GuestVm client, String serverAddress, Duration duration, int streams,
                                    boolean reverse) {
        List<String> argv = new ArrayList<>(List.of("iperf3", "-c", serverAddress, "-p", String.valueOf(IPERF3_PORT),
                "-J", "-i", "1", "-t", String.valueOf(seconds(duration)), "-P", String.valueOf(streams)));
        if (reverse) {
            argv.add("-R");
        }
        GuestResult result = guests.exec(client, argv, duration.plus(TOOL_SLACK));
        for (int attempt = 1; attempt < CONNECT_ATTEMPTS && refused(result); attempt++) {
            pause(CONNECT_BACKOFF.multipliedBy(attempt));
            result = guests.exec(client, argv, duration.plus(TOOL_SLACK));
        }
        return result;
    }

    /**
     * What keeps a VM from taking part in the network measurements: its agent does not
     * answer, or iperf3 or ping is missing. Empty when it is ready.
     */
    public List<String> readiness(GuestVm vm) {
        return GuestTools.missing(guests, vm, GuestTools.NETWORK);
    }

    /** iputils ping with epoch timestamps per reply ({@code -D}). */
    public GuestResult ping(GuestVm client, String target, int count, Duration interval) {
        String intervalSeconds = String.format(Locale.ROOT, "%.3f", interval.toMillis() / 1000.0);
        List<String> argv = List.of("ping", "-D", "-c", String.valueOf(count), "-i", intervalSeconds, target);
        return guests.exec(client, argv, interval.multipliedBy(count).plus(TOOL_SLACK));
    }

    /**
     * Starts, without waiting, a train of {@code count} pings {@code every} apart (fping
     * {@code -C}: one round trip or {@code -} per probe, on stderr with {@code -q}). fping
     * takes whole milliseconds.
     *
     * @return the guest pid, for {@link GuestPort#poll}
     */
    public long startPingTrain(GuestVm client, String target, int count, Duration every) {
        return guests.start(client, List.of("fping", "-C", String.valueOf(count), "-p",
                String.valueOf(Math.max(1, every.toMillis())), "-q", target));
    }

    /**
     * Starts, without waiting, an iperf3 TCP stream to the one-shot server of
     * {@link #startIperf3Server} that reports every 0.1 s, iperf3's finest interval, so
     * that a stall of a few hundred milliseconds shows.
     *
     * @return the guest pid, for {@link GuestPort#poll}
     */
    public long startIperf3Stream(GuestVm client, String serverAddress, Duration duration) {
        return guests.start(client, List.of("iperf3", "-c", serverAddress, "-p", String.valueOf(IPERF3_PORT), "-J",
                "-i", "0.1", "-t", String.valueOf(seconds(duration))));
    }

    /** iperf3 3.12 -J reports a refused connection only inside its JSON (and exits 0). */
    private static boolean refused(GuestResult result) {
        return result.stdout().contains("unable to connect to server") && result.stdout().contains("Connection refused");
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
