package io.pvebench.sim.command;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curl 7.88 command line the twin understands: what the application probe passes
 * ({@code -q -s -o FILE --rate N/UNIT --connect-timeout S --max-time S -w FORMAT URL}),
 * URL {@code http://HOST[:PORT]/PATH} with at most one numeric glob {@code [A-B]}. Other
 * options get curl's {@code option X: is unknown}; bad values curl's own complaints.
 */
record CurlArgs(String host, int port, String path, int first, int count, long periodMillis,
                long connectTimeoutMillis, long maxTimeMillis, String format) {

    static final String TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";
    /** curl's default connect timeout, 300 s. */
    static final long DEFAULT_CONNECT_MILLIS = 300_000;

    private static final Pattern URL = Pattern.compile("http://([^/:\\[\\]]+)(?::(\\d+))?(/[^\\[\\]]*)?(?:\\[(\\d+)-(\\d+)])?");
    private static final Pattern RATE = Pattern.compile("(\\d+)(?:/([smhd]))?");
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?|\\.\\d+");

    /** A command line curl refuses: its stderr and exit code 2. */
    static final class Refused extends Exception {
        Refused(String stderr) {
            super(stderr, null, false, false);
        }
    }

    static CurlArgs parse(List<String> args) throws Refused {
        String url = null;
        long period = 0;
        long connect = DEFAULT_CONNECT_MILLIS;
        long max = 0;
        String format = "";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-q", "-s", "--disable", "--silent" -> { }
                case "-o", "--output", "--rate", "--connect-timeout", "-m", "--max-time", "-w", "--write-out" -> {
                    if (i + 1 >= args.size()) {
                        throw new Refused("curl: option " + a + ": requires parameter\n" + TRY);
                    }
                    String value = args.get(++i);
                    switch (a) {
                        case "--rate" -> period = rate(value);
                        case "--connect-timeout" -> connect = millis(a, value);
                        case "-m", "--max-time" -> max = millis(a, value);
                        case "-w", "--write-out" -> format = value;
                        default -> { } // -o: the body is thrown away in the twin anyway
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new Refused("curl: option " + a + ": is unknown\n" + TRY);
                    }
                    url = a;
                }
            }
        }
        if (url == null) {
            throw new Refused("curl: no URL specified!\n" + TRY);
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            // the twin knows http:// URLs only; curl would try them and fail on its own terms
            throw new Refused("curl: (3) URL using bad/illegal format or missing URL\n");
        }
        int port = m.group(2) == null ? 80 : Integer.parseInt(m.group(2));
        int first = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        int last = m.group(5) == null ? first : Integer.parseInt(m.group(5));
        if (last < first) {
            throw new Refused("curl: (3) bad range in URL position " + (url.indexOf('[') + 1) + ":\n" + url + "\n");
        }
        return new CurlArgs(m.group(1), port, m.group(3) == null ? "/" : m.group(3), first, last - first + 1,
                period, connect, max, format);
    }

    /** {@code --rate N/UNIT}: curl keeps whole milliseconds between transfer starts. */
    private static long rate(String value) throws Refused {
        Matcher m = RATE.matcher(value);
        long n = m.matches() ? Long.parseLong(m.group(1)) : 0;
        if (n == 0) {
            throw new Refused("curl: option --rate: is badly used here\n" + TRY);
        }
        String unit = m.group(2) == null ? "h" : m.group(2);
        long per = switch (unit) {
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "d" -> 86_400_000L;
            default -> 3_600_000L;
        };
        return per / n;
    }

    private static long millis(String option, String value) throws Refused {
        if (!SECONDS.matcher(value).matches()) {
            throw new Refused("curl: option " + option + ": expected a proper numerical parameter\n" + TRY);
        }
        return Math.round(Double.parseDouble(value) * 1000);
    }
}
