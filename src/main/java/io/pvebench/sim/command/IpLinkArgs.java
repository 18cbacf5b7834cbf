package io.pvebench.sim.command;

import java.util.List;

/**
 * An {@code ip [-j|-json] [-d|-details] [-br|-brief] link [show|list|set] ...} command line
 * (iproute2 6.1) as a node's and a guest's {@code ip} read it alike: the options, whether it
 * sets, and the words after {@code link} (and after {@code show}/{@code list}/{@code set}).
 *
 * @param error ip's own complaint (exit 255) when the line is not one it takes, else null
 */
record IpLinkArgs(boolean json, boolean details, boolean brief, boolean set, List<String> words, Reply error) {

    static IpLinkArgs parse(List<String> args) {
        boolean json = false;
        boolean details = false;
        boolean brief = false;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            switch (args.get(i)) {
                case "-j", "-json" -> json = true;
                case "-d", "-details" -> details = true;
                case "-br", "-brief" -> brief = true;
                default -> {
                    return failed(Reply.error("Option \"" + args.get(i) + "\" is unknown, try \"ip -help\".\n", 255));
                }
            }
            i++;
        }
        List<String> rest = args.subList(i, args.size());
        if (rest.isEmpty() || !"link".startsWith(rest.get(0))) {
            return failed(Reply.error("Object \"" + (rest.isEmpty() ? "" : rest.get(0))
                    + "\" is unknown, try \"ip help\".\n", 255));
        }
        List<String> sub = rest.subList(1, rest.size());
        boolean set = !sub.isEmpty() && sub.get(0).equals("set");
        if (set || (!sub.isEmpty() && (sub.get(0).equals("show") || sub.get(0).equals("list")))) {
            sub = sub.subList(1, sub.size());
        }
        return new IpLinkArgs(json, details, brief, set, List.copyOf(sub), null);
    }

    private static IpLinkArgs failed(Reply error) {
        return new IpLinkArgs(false, false, false, false, List.of(), error);
    }
}
