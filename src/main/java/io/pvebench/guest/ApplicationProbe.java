package io.pvebench.guest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The two command lines of the application probe of a live migration (Debian 12
 * guests): an HTTP server in the migrating VM and a paced loop of requests against it
 * from another VM. Each is an argv for the guest agent (no shell), every value checked
 * here so nothing can be injected.
 *
 * <ul>
 *   <li>Server: {@code python3 -m http.server PORT --bind 0.0.0.0 --directory /tmp}
 *       (python3 3.11). It answers HTTP/1.0, so every request opens a new TCP
 *       connection: a request that starts while the VM is paused meets a lost SYN, as a
 *       new user's would. Started with {@code --synchronous 0}, stopped by {@code kill PID}.</li>
 *   <li>Client: {@code curl -q -s -o /dev/null --rate R --connect-timeout C --max-time M
 *       -w FORMAT http://IP:PORT/?[1-N]} (curl 7.88.1). {@code -q} (first) ignores a
 *       {@code ~/.curlrc} that could change the output; the URL glob makes N transfers, one
 *       after the other; {@code --rate} starts one every period, or at once after a transfer
 *       that took longer (curl's {@code serial_transfers}, checked with the real tool);
 *       {@link #FORMAT} prints one line per request.</li>
 * </ul>
 *
 * @param port           the server's TCP port, 1024..65535 (no root needed)
 * @param period         time between request starts; whole milliseconds that divide a
 *                       second, a minute or an hour, since {@code --rate} takes a whole number
 *                       per unit and curl turns it into whole milliseconds
 * @param count          requests, 1..1,000,000
 * @param connectTimeout curl's {@code --connect-timeout}: longer than 1 s lets a SYN lost in
 *                       the pause be retransmitted (Linux: after 1 s, then 3 s)
 * @param maxTime        curl's {@code --max-time} per request, at least {@code connectTimeout}
 */
public record ApplicationProbe(int port, Duration period, int count, Duration connectTimeout, Duration maxTime) {

    /**
     * curl's {@code -w} format: {@code http_code exitcode time_connect time_total errormsg}
     * (errormsg last as it has spaces; empty after a success, leaving a trailing space).
     * The {@code \n} (backslash, n) is curl's own escape, passed as the two characters.
     */
    public static final String FORMAT = "%{http_code} %{exitcode} %{time_connect} %{time_total} %{errormsg}\\n";

    /** The directory the server lists: always there, its listing is small. */
    public static final String DIRECTORY = "/tmp";

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final int MAX_COUNT = 1_000_000;

    public ApplicationProbe {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(maxTime, "maxTime");
        if (port < 1024 || port > 65535) {
            throw new IllegalArgumentException("port must be 1024..65535: " + port);
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1.." + MAX_COUNT + ": " + count);
        }
        rate(period); // checks it
        wholeMillis("connectTimeout", connectTimeout);
        wholeMillis("maxTime", maxTime);
        if (maxTime.compareTo(connectTimeout) < 0) {
            throw new IllegalArgumentException("maxTime " + maxTime + " is shorter than connectTimeout " + connectTimeout);
        }
    }

    /** The server's argv, for the migrating VM. */
    public List<String> serverArgv() {
        return List.of("python3", "-m", "http.server", Integer.toString(port), "--bind", "0.0.0.0",
                "--directory", DIRECTORY);
    }

    /** The client's argv, for the other VM; {@code serverIp} is the migrating VM's IPv4 address. */
    public List<String> clientArgv(String serverIp) {
        if (serverIp == null || !IPV4.matcher(serverIp).matches()) {
            throw new IllegalArgumentException("server address must be a dotted IPv4 address: " + serverIp);
        }
        return List.of("curl", "-q", "-s", "-o", "/dev/null", "--rate", rate(period),
                "--connect-timeout", seconds(connectTimeout), "--max-time", seconds(maxTime),
                "-w", FORMAT, "http://" + serverIp + ":" + port + "/?[1-" + count + "]");
    }

    /**
     * How long the client runs at least (every request on time): {@code (count - 1) *
     * period} plus the last request. The caller's wait must add the timeouts of the
     * requests a migration can stall.
     */
    public Duration nominalDuration() {
        return period.multipliedBy(count - 1L).plus(maxTime);
    }

    /** {@code --rate}: the period as a whole number per second, minute or hour. */
    static String rate(Duration period) {
        long ms = wholeMillis("period", period);
        if (1_000 % ms == 0) {
            return (1_000 / ms) + "/s";
        }
        if (60_000 % ms == 0) {
            return (60_000 / ms) + "/m";
        }
        if (3_600_000 % ms == 0) {
            return (3_600_000 / ms) + "/h";
        }
        throw new IllegalArgumentException("period " + ms + " ms does not divide a second, a minute or an hour"
                + " (curl's --rate takes a whole number per unit)");
    }

    /** Decimal seconds as curl reads them ({@code 1}, {@code 0.25}). */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        String s = (ms / 1000) + "." + String.format("%03d", ms % 1000);
        return s.replaceAll("\\.?0+$", "");
    }

    private static long wholeMillis(String what, Duration d) {
        if (d.isNegative() || d.isZero() || d.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(what + " must be a positive whole number of milliseconds: " + d);
        }
        return d.toMillis();
    }
}
