package io.pvebench.sim.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of one {@code qm} sub-command as pve-common's {@code CLIHandler}
 * reads it: positional arguments first, then {@code --name value}, {@code --name=value}
 * or {@code -name value}; a boolean option may stand alone. Unknown options and missing
 * arguments fail with the texts of {@code RESTHandler}/{@code CLIHandler} and the usage
 * line, exit 255.
 */
final class QmArgs {

    private static final Set<String> BOOLEAN_WORDS = Set.of("0", "1", "true", "false", "yes", "no", "on", "off");

    final List<String> positional = new ArrayList<>();
    final Map<String, String> options = new LinkedHashMap<>();

    private QmArgs() {
    }

    /**
     * Parses {@code args} (after the sub-command) for a command with {@code positionalNames}
     * and the given options; {@code booleans} may appear without value.
     */
    static QmArgs parse(String usage, List<String> args, List<String> positionalNames, Set<String> allowed,
                        Set<String> booleans) {
        QmArgs parsed = new QmArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && a.length() > 1 && !a.matches("-[0-9].*")) {
                String name = a.replaceFirst("^--?", "");
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!allowed.contains(name)) {
                    throw usage(usage, "Unknown option: " + name + "\n400 unable to parse option");
                }
                if (value == null) {
                    boolean next = i + 1 < args.size();
                    if (booleans.contains(name)) {
                        value = next && BOOLEAN_WORDS.contains(args.get(i + 1).toLowerCase()) ? args.get(++i) : "1";
                    } else if (next) {
                        value = args.get(++i);
                    } else {
                        throw usage(usage, "Option " + name + " requires an argument\n400 unable to parse option");
                    }
                }
                if (booleans.contains(name)) {
                    value = toBoolean(name, value, usage);
                }
                parsed.options.put(name, value);
            } else {
                parsed.positional.add(a);
            }
        }
        if (parsed.positional.size() < positionalNames.size()) {
            throw usage(usage, "400 not enough arguments");
        }
        if (parsed.positional.size() > positionalNames.size()) {
            throw usage(usage, "400 too many arguments");
        }
        for (int i = 0; i < positionalNames.size(); i++) {
            String name = positionalNames.get(i);
            if ((name.equals("vmid") || name.equals("newid")) && !parsed.positional.get(i).matches("[0-9]+")) {
                throw usage(usage, "400 Parameter verification failed.\n" + name + ": type check ('integer') failed - got '"
                        + parsed.positional.get(i) + "'");
            }
            if ((name.equals("vmid") || name.equals("newid"))
                    && (Long.parseLong(parsed.positional.get(i)) < 100
                    || Long.parseLong(parsed.positional.get(i)) > 999_999_999)) {
                throw usage(usage, "400 Parameter verification failed.\n" + name
                        + ": invalid format - value does not look like a valid VM ID");
            }
        }
        return parsed;
    }

    private static String toBoolean(String name, String value, String usage) {
        String v = value.toLowerCase();
        if (v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on")) {
            return "1";
        }
        if (v.equals("0") || v.equals("false") || v.equals("no") || v.equals("off")) {
            return "0";
        }
        throw usage(usage, "400 Parameter verification failed.\n" + name + ": type check ('boolean') failed - got '"
                + value + "'");
    }

    static CommandFailure usage(String usage, String message) {
        return new CommandFailure(message + "\n" + usage);
    }

    int vmid(int index) {
        return Integer.parseInt(positional.get(index));
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return "1".equals(options.get(name));
    }
}
