package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code curl} 7.88.1 (Debian 12) with the command line of the application probe
 * ({@link CurlArgs}): one HTTP transfer per URL of the glob, one after the other, paced
 * by {@code --rate} as the real one does (the next starts a period after the previous
 * one started, or at once after a longer transfer, plus curl's own fraction of a
 * millisecond), and {@code -w} rendered per transfer with {@code http_code}, {@code
 * exitcode}, {@code time_connect}, {@code time_total} and {@code errormsg} as real curl
 * prints them (captured in {@code outputs/curl/}). The exit code is the last transfer's.
 *
 * <p>Each transfer opens a new TCP connection (python's http.server speaks HTTP/1.0) and
 * meets the network as Linux TCP would: a packet sent while either guest is paused for a
 * live migration's switch-over ({@link ClusterModel#migrationBlackout}) is lost; a lost
 * SYN is sent again after 1 s, then 3 s, 7 s ... (initial RTO 1 s, doubling); lost data on
 * the connection again after 200 ms, 600 ms, 1.4 s ... (Linux's minimum RTO, doubling). A
 * connect not done within {@code --connect-timeout} fails with exit 28 ({@code Failed to
 * connect to IP port P after N ms: Timeout was reached}); a transfer not done within
 * {@code --max-time} with exit 28 ({@code Operation timed out after N milliseconds with 0
 * bytes received}). A guest without a listening server answers the SYN with a reset
 * (exit 7, {@code Couldn't connect to server}); an address no running guest has never
 * answers (connect timeout).
 *
 * <p>The output is worked out after curl's end ({@link GuestRun#later}), so a migration
 * begun while it runs is seen. Everything else is fixed at its start: the start instant,
 * the target, whether it listens, the base round trip and link loss, and a seed for the
 * per-transfer draws. Its run time is fixed at the start too (the agent needs it then), from
 * the migrations known at that moment: a migration begun later lengthens what curl
 * prints, not when the agent reports it ended.
 */
final class Curl {

    /** Linux's initial SYN retransmission timeout (RFC 6298's 1 s), doubled per retry. */
    static final long SYN_RTO_MICROS = 1_000_000;
    /** Linux's minimum retransmission timeout on an established connection, doubled per retry. */
    static final long DATA_RTO_MICROS = 200_000;

    /** {@code curl --version} of Debian 12's curl 7.88.1 as captured here (first two lines; exit 0). */
    static final String VERSION = "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.19 zlib/1.2.13"
            + " brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0"
            + " librtmp/2.3 OpenLDAP/2.5.13\nRelease-Date: 2023-02-20, security patched: 7.88.1-10+deb12u14\n";

    GuestRun run(VmInfo from, List<String> args, ClusterModel model) {
        if (args.equals(List.of("--version")) || args.equals(List.of("-V"))) {
            return GuestRun.done(Reply.ok(VERSION), Duration.ZERO);
        }
        CurlArgs a;
        try {
            a = CurlArgs.parse(args);
        } catch (CurlArgs.Refused e) {
            return GuestRun.done(Reply.error(e.getMessage(), e.getMessage().startsWith("curl: (3)") ? 3 : 2),
                    Duration.ZERO);
        }
        Instant start = model.clock().now();
        VmInfo to = a.host().matches("\\d{1,3}(\\.\\d{1,3}){3}") ? model.vmByIp(a.host()).orElse(null) : null;
        Random draws = model.randoms().next("curl/" + from.vmid() + "/" + a.host() + ":" + a.port());
        Transfers.Target target = new Transfers.Target(a, from, to,
                a.host().matches("\\d{1,3}(\\.\\d{1,3}){3}"),
                to != null && model.reachable(to),
                to != null && model.httpListener(a.host(), a.port()).isPresent(),
                to == null ? 0 : model.rttMicros(from, to, draws) + model.extraLatencyMicros(from, to),
                to == null ? 0 : model.loss(from, to),
                draws.nextLong());
        Transfers.Result known = Transfers.run(target, model, start);
        Duration duration = Duration.ofNanos(known.durationMicros() * 1_000);
        return GuestRun.later(() -> Transfers.run(target, model, start).reply(), duration, () -> { });
    }

    /** curl's {@code -w} output of one transfer. */
    static String writeOut(String format, int httpCode, int exit, long connectMicros, long totalMicros, String error) {
        String out = format.replace("\\n", "\n")
                .replace("%{http_code}", String.format(Locale.ROOT, "%03d", httpCode))
                .replace("%{exitcode}", Integer.toString(exit))
                .replace("%{time_connect}", seconds(connectMicros))
                .replace("%{time_total}", seconds(totalMicros))
                .replace("%{urlnum}", "0");
        return out.replace("%{errormsg}", error);
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
