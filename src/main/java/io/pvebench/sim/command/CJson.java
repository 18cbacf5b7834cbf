package io.pvebench.sim.command;

import java.util.List;
import java.util.Map;

/**
 * JSON as cJSON 1.7.15 prints it formatted ({@code cJSON_Print}), which is what
 * iperf3 3.12 {@code -J} writes: tabs for indentation, {@code "key":\tvalue}, arrays
 * inline as {@code [{...}, {...}]}, an empty object as <code>{\n&lt;tabs&gt;}</code>,
 * members in insertion order. Checked against the captures under
 * {@code src/test/resources/sim/iperf3/}.
 */
public final class CJson {

    private CJson() {
    }

    /** The document plus the newline iperf3 prints after it. */
    public static String print(JsonObject root) {
        StringBuilder out = new StringBuilder();
        write(out, root, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value instanceof JsonObject object) {
            int inner = depth + 1;
            out.append("{\n");
            List<Map.Entry<String, Object>> members = object.members();
            for (int i = 0; i < members.size(); i++) {
                out.append("\t".repeat(inner));
                PerlJson.string(out, members.get(i).getKey());
                out.append(":\t");
                write(out, members.get(i).getValue(), inner);
                if (i < members.size() - 1) {
                    out.append(',');
                }
                out.append('\n');
            }
            out.append("\t".repeat(inner - 1)).append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(out, list.get(i), depth + 1);
            }
            out.append(']');
        } else if (value instanceof Double d) {
            out.append(CNumbers.cjson(d));
        } else {
            PerlJson.scalar(out, value);
        }
    }
}
