package io.pvebench.sim.command;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON as fio 3.33 prints it ({@code --output-format=json}, its own {@code json.c}):
 * two-space indentation, {@code "key" : value}, members in insertion order, integers
 * plain and floating-point numbers with {@code %f} (six decimals), arrays of objects
 * one object after another. Checked against
 * {@code src/test/resources/outputs/fio/randrw-psync-16M-t3.json}.
 */
final class FioJson {

    private FioJson() {
    }

    static String print(JsonObject root) {
        StringBuilder out = new StringBuilder();
        write(out, root, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value instanceof JsonObject o) {
            out.append("{\n");
            List<Map.Entry<String, Object>> members = o.members();
            for (int i = 0; i < members.size(); i++) {
                indent(out, depth + 1);
                out.append('"').append(members.get(i).getKey()).append("\" : ");
                write(out, members.get(i).getValue(), depth + 1);
                out.append(i + 1 < members.size() ? ",\n" : "\n");
            }
            indent(out, depth);
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                indent(out, depth + 1);
                write(out, list.get(i), depth + 1);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            indent(out, depth);
            out.append(']');
        } else if (value instanceof Double d) {
            out.append(String.format(Locale.ROOT, "%f", d));
        } else if (value instanceof Number n) {
            out.append(n.longValue());
        } else {
            out.append('"').append(String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }
}
