package io.pvebench.sim.command;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code iptables [-w] [-t filter] -A|-I|-D CHAIN RULE}, {@code -S [CHAIN]} and
 * {@code -F [CHAIN]} on the filter table (iptables 1.8 nft). Rules are kept in
 * {@code -S} form with iptables' canonical option order and the implicit match it adds
 * ({@code -p udp --dport 5405:5412} becomes {@code -p udp -m udp --dport 5405:5412}); a
 * rule that drops corosync's udp cuts the node off the cluster network. Errors as
 * iptables prints them, exit 1 ({@code -D} of a missing rule: {@code iptables: Bad rule
 * (does a matching rule exist in that chain?).}), exit 2 for a bad option.
 */
final class Iptables implements Program {

    private static final List<String> CHAINS = List.of("INPUT", "FORWARD", "OUTPUT");

    @Override
    public Reply run(Invocation inv) {
        List<String> args = new ArrayList<>(inv.args());
        args.removeIf(a -> a.equals("-w") || a.equals("--wait"));
        int t = args.indexOf("-t");
        if (t >= 0 && t + 1 < args.size()) {
            if (!args.get(t + 1).equals("filter")) {
                return Reply.error("iptables v1.8.9 (nf_tables): table '" + args.get(t + 1)
                        + "' is not modelled by the twin\n", 2);
            }
            args.remove(t + 1);
            args.remove(t);
        }
        if (args.isEmpty()) {
            return Reply.error("iptables v1.8.9 (nf_tables): no command specified\n"
                    + "Try `iptables -h' or 'iptables --help' for more information.\n", 2);
        }
        String node = inv.node().name();
        List<String> rules = new ArrayList<>(inv.model().iptablesRules(node));
        String command = args.get(0);
        String chain = args.size() > 1 ? args.get(1) : null;
        if (chain != null && !CHAINS.contains(chain)) {
            return Reply.error("iptables: No chain/target/match by that name.\n", 1);
        }
        switch (command) {
            case "-S", "--list-rules" -> {
                StringBuilder out = new StringBuilder();
                for (String c : CHAINS) {
                    if (chain == null || chain.equals(c)) {
                        out.append("-P ").append(c).append(" ACCEPT\n");
                    }
                }
                for (String rule : rules) {
                    if (chain == null || rule.split(" ")[1].equals(chain)) {
                        out.append(rule).append('\n');
                    }
                }
                return Reply.ok(out.toString());
            }
            case "-F", "--flush" -> {
                rules.removeIf(r -> chain == null || r.split(" ")[1].equals(chain));
                inv.model().setIptablesRules(node, rules);
                return Reply.ok("");
            }
            case "-A", "--append", "-I", "--insert", "-D", "--delete" -> {
                if (chain == null) {
                    return Reply.error("iptables v1.8.9 (nf_tables): option \"" + command
                            + "\" requires an argument\n", 2);
                }
                List<String> spec = new ArrayList<>(args.subList(2, args.size()));
                int position = 1;
                if ((command.equals("-I") || command.equals("--insert")) && !spec.isEmpty()
                        && spec.get(0).matches("[0-9]+")) {
                    position = Integer.parseInt(spec.remove(0));
                }
                String rule;
                try {
                    rule = canonical(chain, spec);
                } catch (IllegalArgumentException e) {
                    return Reply.error(e.getMessage(), 2);
                }
                switch (command) {
                    case "-A", "--append" -> rules.add(rule);
                    case "-I", "--insert" -> {
                        long before = rules.stream().filter(r -> r.split(" ")[1].equals(chain)).count();
                        if (position > before + 1) {
                            return Reply.error("iptables: Index of insertion too big.\n", 1);
                        }
                        rules.add(indexOf(rules, chain, position), rule);
                    }
                    default -> {
                        if (!rules.remove(rule)) {
                            return Reply.error("iptables: Bad rule (does a matching rule exist in that chain?).\n", 1);
                        }
                    }
                }
                inv.model().setIptablesRules(node, rules);
                return Reply.ok("");
            }
            default -> {
                return Reply.error("iptables v1.8.9 (nf_tables): unknown option \"" + command + "\"\n"
                        + "Try `iptables -h' or 'iptables --help' for more information.\n", 2);
            }
        }
    }

    /** Index in the list of the {@code position}-th (1-based) rule of {@code chain}. */
    private static int indexOf(List<String> rules, String chain, int position) {
        int seen = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).split(" ")[1].equals(chain)) {
                seen++;
                if (seen == position) {
                    return i;
                }
            }
        }
        return rules.size();
    }

    /** The rule as {@code iptables -S} prints it. */
    static String canonical(String chain, List<String> spec) {
        String src = null;
        String dst = null;
        String in = null;
        String out = null;
        String proto = null;
        String dport = null;
        String sport = null;
        String target = null;
        for (int i = 0; i < spec.size(); i++) {
            String opt = spec.get(i);
            if (i + 1 >= spec.size()) {
                throw new IllegalArgumentException("iptables v1.8.9 (nf_tables): option \"" + opt
                        + "\" requires an argument\n");
            }
            String value = spec.get(++i);
            switch (opt) {
                case "-s", "--source" -> src = value.contains("/") ? value : value + "/32";
                case "-d", "--destination" -> dst = value.contains("/") ? value : value + "/32";
                case "-i", "--in-interface" -> in = value;
                case "-o", "--out-interface" -> out = value;
                case "-p", "--protocol" -> proto = value;
                case "--dport", "--destination-port" -> dport = value;
                case "--sport", "--source-port" -> sport = value;
                case "-j", "--jump" -> target = value;
                case "-m", "--match" -> {
                    // the implicit protocol match is added back below
                }
                default -> throw new IllegalArgumentException("iptables v1.8.9 (nf_tables): unknown option \""
                        + opt + "\"\nTry `iptables -h' or 'iptables --help' for more information.\n");
            }
        }
        if ((dport != null || sport != null) && proto == null) {
            throw new IllegalArgumentException("iptables v1.8.9 (nf_tables): unknown option \""
                    + (dport != null ? "--dport" : "--sport") + "\"\n"
                    + "Try `iptables -h' or 'iptables --help' for more information.\n");
        }
        StringBuilder r = new StringBuilder("-A ").append(chain);
        if (src != null) {
            r.append(" -s ").append(src);
        }
        if (dst != null) {
            r.append(" -d ").append(dst);
        }
        if (in != null) {
            r.append(" -i ").append(in);
        }
        if (out != null) {
            r.append(" -o ").append(out);
        }
        if (proto != null) {
            r.append(" -p ").append(proto);
            if (dport != null || sport != null) {
                r.append(" -m ").append(proto);
            }
        }
        if (sport != null) {
            r.append(" --sport ").append(sport);
        }
        if (dport != null) {
            r.append(" --dport ").append(dport);
        }
        if (target != null) {
            r.append(" -j ").append(target);
        }
        return r.toString();
    }
}
