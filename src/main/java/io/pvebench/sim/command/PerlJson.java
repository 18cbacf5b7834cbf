package io.pvebench.sim.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON as Proxmox's Perl tools print it: {@code to_json(..., {canonical => 1})} sorts
 * keys; compact form is what {@code pvesh --output-format json} prints (plus a newline,
 * pve-common {@code CLIFormatter.pm}); pretty form (JSON::XS: 3-space indent,
 * {@code "key" : value}, newline at the end) is {@code json-pretty} and what {@code qm
 * guest exec} prints. Numbers: integers as is, others {@code %.15g}.
 */
public final class PerlJson {

    private PerlJson() {
    }

    public static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, -1);
        return out.append('\n').toString();
    }

    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        boolean pretty = depth >= 0;
        if (value instanceof JsonObject object) {
            List<Map.Entry<String, Object>> members = new ArrayList<>(object.members());
            members.sort(Map.Entry.comparingByKey());
            if (members.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (pretty) {
                    out.append('\n').append("   ".repeat(depth + 1));
                }
                string(out, members.get(i).getKey());
                out.append(pretty ? " : " : ":");
                write(out, members.get(i).getValue(), pretty ? depth + 1 : -1);
            }
            if (pretty) {
                out.append('\n').append("   ".repeat(depth));
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (pretty) {
                    out.append('\n').append("   ".repeat(depth + 1));
                }
                write(out, list.get(i), pretty ? depth + 1 : -1);
            }
            if (pretty) {
                out.append('\n').append("   ".repeat(depth));
            }
            out.append(']');
        } else {
            scalar(out, value);
        }
    }

    static void scalar(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Double d) {
            out.append(CNumbers.perl(d));
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else {
            out.append(value);
        }
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
