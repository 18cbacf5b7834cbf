package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Instant;
import java.util.Random;

/** The transfers of one {@link Curl} run on the model's network: timing, losses, outcome. */
final class Transfers {

    /**
     * What is fixed when curl starts.
     *
     * @param ip        whether the host is an IPv4 literal (otherwise it does not resolve)
     * @param reachable the target guest runs on a node that is up
     * @param listening an HTTP server listens on the port
     * @param rttMicros the base round trip, drawn at the start
     * @param loss      probability that one packet is lost on the link
     * @param seed      of the per-transfer draws, so the run is the same whenever worked out
     */
    record Target(CurlArgs args, VmInfo from, VmInfo to, boolean ip, boolean reachable, boolean listening,
                  long rttMicros, double loss, long seed) {
    }

    record Result(String stdout, int exitCode, long durationMicros) {
        Reply reply() {
            return new Reply(stdout, "", exitCode);
        }
    }

    private Transfers() {
    }

    static Result run(Target t, ClusterModel model, Instant start) {
        CurlArgs a = t.args();
        Random random = new Random(t.seed());
        StringBuilder out = new StringBuilder();
        long now = 0;
        int exit = 0;
        for (int k = 0; k < a.count(); k++) {
            Outcome o = transfer(t, model, start, now, random);
            exit = o.exit();
            out.append(Curl.writeOut(a.format(), o.httpCode(), o.exit(), o.connectMicros(), o.totalMicros(),
                    o.error()));
            // --rate: curl sleeps what is left of the period, or goes on at once; either way a bit late
            long overhead = o.totalMicros() < a.periodMillis() * 1000 ? 100 + random.nextInt(400) : 30 + random.nextInt(80);
            now += Math.max(a.periodMillis() * 1000, o.totalMicros()) + (k + 1 < a.count() ? overhead : 0);
        }
        return new Result(out.toString(), exit, now);
    }

    private record Outcome(int httpCode, int exit, long connectMicros, long totalMicros, String error) {
    }

    private static Outcome transfer(Target t, ClusterModel model, Instant start, long begin, Random random) {
        CurlArgs a = t.args();
        long rtt = Math.max(40, Math.round(t.rttMicros() * (0.85 + 0.3 * random.nextDouble())))
                + (t.to() == null ? 0 : model.migrationDelayMicros(t.from(), t.to(), at(start, begin)));
        long serverMicros = 1_100 + random.nextInt(900); // python's http.server listing /tmp, as measured
        long setup = 30 + random.nextInt(60);
        long connectLimit = a.maxTimeMillis() > 0 ? Math.min(a.connectTimeoutMillis(), a.maxTimeMillis())
                : a.connectTimeoutMillis();
        if (!t.ip()) {
            return new Outcome(0, 6, 0, setup + 1_000, "Could not resolve host: " + a.host());
        }
        // the SYN and its answer, resent on loss after 1 s, 3 s, 7 s ... from the first
        long connected = -1;
        if (t.reachable()) {
            for (long offset = 0, rto = Curl.SYN_RTO_MICROS; offset < connectLimit * 1000; offset += rto, rto *= 2) {
                long sent = begin + setup + offset;
                if (!lost(t, model, start, sent, rtt, random)) {
                    connected = setup + offset + rtt;
                    break;
                }
            }
        }
        if (connected < 0 || connected > connectLimit * 1000) {
            long total = connectLimit * 1000 + 300 + random.nextInt(300);
            return new Outcome(0, 28, 0, total, "Failed to connect to " + a.host() + " port " + a.port()
                    + " after " + connectLimit + " ms: Timeout was reached");
        }
        if (!t.listening()) {
            return new Outcome(0, 7, 0, connected, "Failed to connect to " + a.host() + " port " + a.port()
                    + " after " + connected / 1000 + " ms: Couldn't connect to server");
        }
        // the request and its answer, resent on loss after 200 ms, 600 ms, 1.4 s ...
        long limit = a.maxTimeMillis() > 0 ? a.maxTimeMillis() * 1000 : Long.MAX_VALUE;
        for (long offset = 0, rto = Curl.DATA_RTO_MICROS; connected + offset < limit; offset += rto, rto *= 2) {
            long sent = begin + connected + offset;
            if (!lost(t, model, start, sent, rtt + serverMicros, random)) {
                long total = connected + offset + rtt + serverMicros;
                if (total <= limit) {
                    return new Outcome(200, 0, connected, total, "");
                }
                break;
            }
        }
        long total = limit + 300 + random.nextInt(900);
        return new Outcome(0, 28, connected, total, "Operation timed out after " + a.maxTimeMillis()
                + " milliseconds with 0 bytes received");
    }

    /** Whether a packet sent {@code sentMicros} into the run, or its answer {@code roundTrip} later, is lost. */
    private static boolean lost(Target t, ClusterModel model, Instant start, long sentMicros, long roundTrip,
                                Random random) {
        boolean dropped = random.nextDouble() < t.loss() || random.nextDouble() < t.loss();
        return dropped || model.migrationBlackout(t.from(), t.to(), at(start, sentMicros))
                || model.migrationBlackout(t.from(), t.to(), at(start, sentMicros + roundTrip));
    }

    private static Instant at(Instant start, long micros) {
        return start.plusNanos(micros * 1_000);
    }
}
