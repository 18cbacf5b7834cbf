package io.pvebench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the application probe's client output: curl 7.88.1 (Debian 12, package {@code
 * curl 7.88.1-10+deb12u*}) run by {@code io.pvebench.guest.ApplicationProbe} with {@code
 * -w '%{http_code} %{exitcode} %{time_connect} %{time_total} %{errormsg}\n'} over a URL
 * glob {@code ?[1-N]} and {@code --rate}; format from {@code outputs/curl/*.txt}. One line
 * per request, in request order (curl's {@code %{urlnum}} stays 0 with globbing, so the
 * line number is the request's {@code seq}, 1-based like the glob):
 * <pre>
 * 200 0 0.000398 0.002277 
 * 000 28 0.000000 0.200509 Failed to connect to 127.0.0.1 port 25301 after 200 ms: Timeout was reached
 * 000 7 0.000000 0.000142 Failed to connect to 127.0.0.1 port 18799 after 0 ms: Couldn't connect to server
 * </pre>
 *
 * <p><b>Timeline.</b> curl 7.88 prints no absolute time per request, so each one is
 * placed from the client's start: request 1 starts at {@code start}; request i+1 starts
 * {@code max(period, time_total(i))} after request i, which is how {@code --rate} paces
 * (curl sleeps the rest of the period, or starts the next transfer at once after a
 * longer one; checked with the real tool). Request i ends at its start plus {@code
 * time_total}. Real curl adds a little per request (about 0.4 ms measured on a 2-core
 * machine), so late requests sit that much too early per preceding request; spans
 * between nearby requests, such as the gap, are hardly affected.
 *
 * <p><b>Good, failed, slow.</b> A request <i>succeeded</i> when curl's exit code is 0
 * and the HTTP status is 2xx or 3xx; otherwise it <i>failed</i>. Let {@code m} be the
 * median {@code time_total} of the successes: a success is <i>slow</i> when its {@code
 * time_total} exceeds {@code max(5 m, m + 50 ms)} (an answer held up by a retransmission
 * after a lost segment, at least Linux's 200 ms RTO, is caught; ordinary jitter of a few
 * ms is not). A <i>good</i> request succeeded and was not slow.
 *
 * <p><b>Application gap.</b> Take the instants at which the application was seen
 * working: the end of every good request, bounded by the client's start before the
 * first and the end of the last request after the last. The gap is the longest span
 * between two consecutive such instants: from the end of the last good answer before a
 * run of failed or slow requests to the end of the first good answer after it. Without
 * trouble it is about one period; when no request is good it is the whole run.
 *
 * <p>Emits, with the caller's labels: {@code app_requests}, {@code app_requests_failed},
 * {@code app_requests_slow} (count) timestamped {@code start}; {@code app_gap} (ms)
 * timestamped at the gap's beginning; one {@code app_latency} (ms, {@code time_total})
 * per successful request (slow ones too), labelled {@code seq}, timestamped at its
 * start. Failed requests are gaps in that series.
 *
 * <p>Stateless and thread-safe.
 */
public final class ApplicationProbeOutput {

    private static final String TOOL = "curl";

    /** {@code http_code exitcode time_connect time_total errormsg}; errormsg empty after a success. */
    private static final Pattern LINE = Pattern.compile("^(\\d{3}) (\\d{1,3}) (\\d+\\.\\d{6}) (\\d+\\.\\d{6}) ?(.*)$");

    /** A success slower than this many times the median is slow. */
    static final double SLOW_FACTOR = 5;
    /** ... and slower than the median by at least this much (ms), so fast links do not flag jitter. */
    static final double SLOW_MARGIN_MS = 50;

    /**
     * The samples of one probe run.
     *
     * @param stdout curl's standard output
     * @param period the client's {@code --rate} period
     * @param labels the caller's labels, copied onto every sample
     * @param start  when the client started (its first request)
     * @throws MalformedOutputException naming the first line that is not a {@code -w} line,
     *                                  or when there is none
     */
    public List<Sample> parse(String stdout, Duration period, Map<String, String> labels, Instant start) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(start, "start");
        Map<String, String> common = labels == null ? Map.of() : labels;
        List<Request> requests = requests(stdout == null ? "" : stdout, period);
        double slowMs = slowThresholdMs(requests);

        List<Sample> samples = new ArrayList<>();
        long failed = requests.stream().filter(r -> !r.succeeded()).count();
        long slow = requests.stream().filter(r -> r.succeeded() && r.totalMs() > slowMs).count();
        samples.add(Sample.of(Metric.APP_REQUESTS, requests.size(), common, start));
        samples.add(Sample.of(Metric.APP_REQUESTS_FAILED, failed, common, start));
        samples.add(Sample.of(Metric.APP_REQUESTS_SLOW, slow, common, start));
        Gap gap = gap(requests, slowMs);
        samples.add(Sample.of(Metric.APP_GAP, gap.lengthMs(), common, at(start, gap.fromMs())));
        for (Request r : requests) {
            if (r.succeeded()) {
                Map<String, String> withSeq = new HashMap<>(common);
                withSeq.put("seq", Integer.toString(r.seq()));
                samples.add(Sample.of(Metric.APP_LATENCY, r.totalMs(), withSeq, at(start, r.startMs())));
            }
        }
        return List.copyOf(samples);
    }

    private static List<Request> requests(String stdout, Duration period) {
        double periodMs = period.toNanos() / 1e6;
        List<Request> requests = new ArrayList<>();
        String[] lines = stdout.split("\n");
        double startMs = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new MalformedOutputException(TOOL, "line " + (i + 1) + ": '" + line + "' is not"
                        + " '<http_code> <exitcode> <time_connect> <time_total> <errormsg>'");
            }
            int code = Integer.parseInt(m.group(1));
            int exit = Integer.parseInt(m.group(2));
            double totalMs = Double.parseDouble(m.group(4)) * 1000;
            if (exit == 0 && code == 0) {
                throw new MalformedOutputException(TOOL, "line " + (i + 1) + ": '" + line
                        + "' has exit code 0 but no HTTP status");
            }
            requests.add(new Request(requests.size() + 1, code, exit, startMs, totalMs));
            startMs += Math.max(periodMs, totalMs);
        }
        if (requests.isEmpty()) {
            throw new MalformedOutputException(TOOL, "no request line ('<http_code> <exitcode> <time_connect>"
                    + " <time_total> <errormsg>')");
        }
        return requests;
    }

    /** {@code max(5 m, m + 50 ms)} over the successes' median {@code m}; infinite when none succeeded. */
    static double slowThresholdMs(List<Request> requests) {
        double[] totals = requests.stream().filter(Request::succeeded).mapToDouble(Request::totalMs).sorted().toArray();
        if (totals.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        int n = totals.length;
        double median = n % 2 == 1 ? totals[n / 2] : (totals[n / 2 - 1] + totals[n / 2]) / 2;
        return Math.max(SLOW_FACTOR * median, median + SLOW_MARGIN_MS);
    }

    private static Gap gap(List<Request> requests, double slowMs) {
        Request last = requests.get(requests.size() - 1);
        double runEndMs = last.startMs() + last.totalMs();
        double previous = 0;
        Gap longest = new Gap(0, 0);
        for (Request r : requests) {
            if (r.succeeded() && r.totalMs() <= slowMs) {
                double end = r.startMs() + r.totalMs();
                longest = longest.longer(previous, end);
                previous = end;
            }
        }
        return longest.longer(previous, runEndMs);
    }

    private static Instant at(Instant start, double ms) {
        return start.plusNanos(Math.round(ms * 1e6));
    }

    record Request(int seq, int httpCode, int exitCode, double startMs, double totalMs) {
        boolean succeeded() {
            return exitCode == 0 && httpCode >= 200 && httpCode < 400;
        }
    }

    private record Gap(double fromMs, double toMs) {
        double lengthMs() {
            return toMs - fromMs;
        }

        Gap longer(double from, double to) {
            return to - from > lengthMs() ? new Gap(from, to) : this;
        }
    }
}
