package io.pvebench.sim.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * pvesh's {@code --output-format text} (its default), as pve-common {@code
 * src/PVE/CLIFormatter.pm} (master 2026-08, f665029e) prints an API result:
 * {@code print_api_result} (objects as a sorted key/value table, arrays of objects as
 * a table, empty arrays as nothing, scalars as a line), {@code print_api_list} and
 * {@code extract_properties_to_print} (the schema's required properties sorted, then its
 * optional ones sorted, all of them even when no row has them; without properties every
 * key any row has, sorted), {@code print_text_table} (rows stably sorted on the first
 * column, numerically when its type is integer or number; those columns right-aligned;
 * a rule between every two rows; with {@code --noborder} the last column unpadded) and
 * {@code data_to_text} (booleans as 1/0, {@code renderer}s, nested data as canonical
 * JSON; {@code --human-readable 0} turns both off). Borders are the {@code utf8} set:
 * {@code query_terminal_options} picks it from the locale's codeset alone, and a Proxmox
 * node's locale is UTF-8; stdout not being a TTY only means lines are never cut to a
 * terminal width. Stateless and thread-safe.
 */
final class CliTable {

    /** The standard output options plus what the terminal query yields; {@code zone} is the node's local time zone. */
    record Options(boolean noborder, boolean noheader, boolean humanReadable, boolean utf8, ZoneId zone) {

        static Options defaults() {
            return new Options(false, false, true, true, ZoneOffset.UTC);
        }

        Options withNoheader() {
            return new Options(noborder, true, humanReadable, utf8, zone);
        }
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CliTable() {
    }

    /** What {@code print_api_result} prints for {@code data}; {@code schema} null means "guess from the data". */
    static String print(Object data, ApiSchema schema, Options opts) {
        if (schema == null) {
            schema = guess(data);
        }
        if (schema.type().equals("object") && data instanceof JsonObject object) {
            List<String> keys = propertiesToPrint(schema.properties());
            if (keys.isEmpty()) {
                keys = new ArrayList<>(new TreeSet<>(keysOf(List.of(object))));
            }
            List<JsonObject> kv = new ArrayList<>();
            for (String key : keys) {
                Object value = get(object, key);
                if (value != null) {
                    kv.add(new JsonObject().put("key", key)
                            .put("value", text(value, schema.properties().get(key), opts)));
                }
            }
            return table(kv, Map.of(), List.of("key", "value"), opts);
        }
        if (data instanceof List<?> list) {
            if (list.isEmpty()) {
                return "";
            }
            if ("object".equals(schema.itemType())) {
                List<JsonObject> rows = new ArrayList<>();
                list.forEach(o -> rows.add((JsonObject) o));
                List<String> columns = propertiesToPrint(schema.properties());
                if (columns.isEmpty()) {
                    columns = new ArrayList<>(new TreeSet<>(keysOf(rows)));
                }
                return table(rows, schema.properties(), columns, opts);
            }
            List<JsonObject> values = new ArrayList<>();
            list.forEach(v -> values.add(new JsonObject().put("value", v)));
            Map<String, ApiSchema.Prop> valueProps = schema.itemType() == null ? Map.of()
                    : Map.of("value", ApiSchema.req("value", schema.itemType()));
            return table(values, valueProps, List.of("value"), opts.withNoheader());
        }
        return perlString(data) + "\n";
    }

    /** {@code print_api_result}'s {@code $guess_type}: an array's item type from its first item. */
    private static ApiSchema guess(Object data) {
        if (data instanceof JsonObject) {
            return ApiSchema.object(List.of());
        }
        if (data instanceof List<?> list) {
            Object first = list.isEmpty() ? null : list.get(0);
            String item = first instanceof JsonObject ? "object" : first instanceof List ? "array" : "string";
            return new ApiSchema("array", item, Map.of());
        }
        return new ApiSchema("string", null, Map.of());
    }

    /** {@code extract_properties_to_print}: required names sorted, then optional names sorted. */
    static List<String> propertiesToPrint(Map<String, ApiSchema.Prop> props) {
        List<String> out = new ArrayList<>(props.values().stream().filter(p -> !p.optional())
                .map(ApiSchema.Prop::name).sorted().toList());
        out.addAll(props.values().stream().filter(ApiSchema.Prop::optional).map(ApiSchema.Prop::name).sorted()
                .toList());
        return out;
    }

    private static List<String> keysOf(List<JsonObject> rows) {
        List<String> keys = new ArrayList<>();
        rows.forEach(r -> r.members().forEach(m -> keys.add(m.getKey())));
        return keys;
    }

    private static Object get(JsonObject object, String key) {
        Object value = null;
        for (Map.Entry<String, Object> m : object.members()) {
            if (m.getKey().equals(key)) {
                value = m.getValue();
            }
        }
        return value;
    }

    /** {@code print_text_table} with the default sort key (the first column). */
    static String table(List<JsonObject> data, Map<String, ApiSchema.Prop> props, List<String> columns,
                        Options opts) {
        List<JsonObject> rows = new ArrayList<>(data);
        String sortKey = columns.get(0);
        ApiSchema.Prop sortProp = props.get(sortKey);
        Comparator<Object> cmp = sortProp != null && sortProp.numeric()
                ? Comparator.comparingDouble(CliTable::perlNumber)
                : Comparator.comparing(CliTable::perlString);
        rows.sort((a, b) -> {
            Object x = get(a, sortKey);
            Object y = get(b, sortKey);
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : -1) : 1;
            }
            // Perl compares references by address ("HASH(0x...)"): no order to copy, keep the API's
            return isRef(x) || isRef(y) ? 0 : cmp.compare(x, y);
        });
        int n = columns.size();
        List<String[][]> cells = new ArrayList<>();
        int[] cutoff = new int[n];
        String[] titles = new String[n];
        boolean[] right = new boolean[n];
        for (int c = 0; c < n; c++) {
            ApiSchema.Prop p = props.get(columns.get(c));
            titles[c] = p != null && p.title() != null ? p.title() : columns.get(c);
            right[c] = p != null && p.numeric();
            cutoff[c] = length(titles[c]);
        }
        for (JsonObject row : rows) {
            String[][] lines = new String[n][];
            for (int c = 0; c < n; c++) {
                String text = text(get(row, columns.get(c)), props.get(columns.get(c)), opts);
                lines[c] = text.isEmpty() ? new String[0] : text.split("\n");
                for (String line : lines[c]) {
                    cutoff[c] = Math.max(cutoff[c], length(line));
                }
            }
            cells.add(lines);
        }
        Border border = Border.of(cutoff, opts.utf8());
        StringBuilder out = new StringBuilder();
        if (!opts.noborder()) {
            out.append(border.top).append('\n');
        }
        String sep = border.middle;
        if (!opts.noheader()) {
            out.append(line(titles, cutoff, right, opts)).append('\n');
            sep = border.header;
        }
        for (int i = 0; i < cells.size(); i++) {
            if (!opts.noborder() && (i != 0 || !opts.noheader())) {
                out.append(sep).append('\n');
                sep = border.middle;
            }
            String[][] lines = cells.get(i);
            int height = 1;
            for (String[] l : lines) {
                height = Math.max(height, l.length);
            }
            for (int h = 0; h < height; h++) {
                String[] texts = new String[n];
                for (int c = 0; c < n; c++) {
                    texts[c] = h < lines[c].length ? lines[c][h] : "";
                }
                out.append(line(texts, cutoff, right, opts)).append('\n');
            }
        }
        if (!opts.noborder()) {
            out.append(border.bottom).append('\n');
        }
        return out.toString();
    }

    private static boolean isRef(Object value) {
        return value instanceof JsonObject || value instanceof List;
    }

    /** One row through {@code print_text_table}'s sprintf format string. */
    private static String line(String[] texts, int[] cutoff, boolean[] right, Options opts) {
        String bar = opts.utf8() ? "│" : "|";
        StringBuilder out = new StringBuilder();
        int n = texts.length;
        for (int c = 0; c < n; c++) {
            boolean last = c == n - 1;
            if (opts.noborder()) {
                out.append(last ? texts[c] : pad(texts[c], cutoff[c], right[c]) + " ");
            } else {
                out.append(bar).append(' ').append(pad(texts[c], cutoff[c], right[c])).append(' ');
                if (last) {
                    out.append(bar);
                }
            }
        }
        return out.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - length(text)));
        return right ? fill + text : text + fill;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The rules {@code print_text_table} draws: top, below the header, between rows, bottom. */
    private record Border(String top, String header, String middle, String bottom) {

        static Border of(int[] cutoff, boolean utf8) {
            StringBuilder t = new StringBuilder();
            StringBuilder h = new StringBuilder();
            StringBuilder m = new StringBuilder();
            StringBuilder b = new StringBuilder();
            int n = cutoff.length;
            for (int i = 0; i < n; i++) {
                boolean first = i == 0;
                boolean last = i == n - 1;
                int w = cutoff[i];
                if (utf8) {
                    t.append(first ? "┌─" : "┬─").append("─".repeat(w)).append(last ? "─┐" : "─");
                    h.append(first ? "╞═" : "╪═").append("═".repeat(w)).append(last ? "═╡" : "═");
                    m.append(first ? "├─" : "┼─").append("─".repeat(w)).append(last ? "─┤" : "─");
                    b.append(first ? "└─" : "┴─").append("─".repeat(w)).append(last ? "─┘" : "─");
                } else {
                    m.append("+-").append("-".repeat(w)).append(last ? "-+" : "-");
                    // CLIFormatter.pm closes the ascii header rule with '+' only after the
                    // last of several columns: a single column's rule stays open
                    h.append("+=").append("=".repeat(w)).append(last && !first ? "=+" : "=");
                }
            }
            String middle = m.toString();
            return utf8 ? new Border(t.toString(), h.toString(), middle, b.toString())
                    : new Border(middle, h.toString(), middle, middle);
        }
    }

    /** {@code data_to_text}: one value as its cell shows it; null is empty. */
    static String text(Object value, ApiSchema.Prop prop, Options opts) {
        if (value == null) {
            return "";
        }
        if (opts.humanReadable() && prop != null) {
            if (prop.type().equals("boolean")) {
                return perlTrue(value) ? "1" : "0";
            }
            if (prop.renderer() != null) {
                return render(prop.renderer(), value, opts);
            }
        }
        if (value instanceof JsonObject || value instanceof List || value instanceof Boolean) {
            String json = PerlJson.compact(value);
            return json.substring(0, json.length() - 1);
        }
        return perlString(value);
    }

    /**
     * The renderers pve-common {@code src/PVE/Format.pm} registers. CLIFormatter calls
     * them as {@code ($data, $options, ...)}: {@code render_duration} therefore gets a
     * true {@code $auto_limit_accuracy} (no minutes once there are weeks, no seconds once
     * there are days) and {@code render_bytes} its default precision of 2.
     */
    static String render(String renderer, Object value, Options opts) {
        double v = perlNumber(value);
        return switch (renderer) {
            case "bytes" -> bytes(v);
            case "duration" -> duration(v);
            case "fraction_as_percentage" -> Sizes.fixed(v * 100, 2) + "%";
            case "timestamp" -> TIMESTAMP.format(Instant.ofEpochSecond((long) v).atZone(opts.zone()));
            case "timestamp_gmt" -> TIMESTAMP.format(Instant.ofEpochSecond((long) v).atZone(ZoneOffset.UTC));
            default -> throw new IllegalArgumentException("internal error: unknown renderer '" + renderer + "'");
        };
    }

    private static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int unit = 0;
        if (value > 1023) {
            unit = (int) (Math.log(value) / Math.log(1024));
            value /= Math.pow(1024, unit);
        }
        return Sizes.fixed(value, 2) + " " + units[unit];
    }

    private static String duration(double seconds) {
        long rest = (long) (Math.signum(seconds) * Math.floor(Math.abs(seconds) + 0.5));
        if (rest == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long[] left = {rest};
        boolean weeks = step(text, left, "w", 7 * 24 * 3600);
        boolean days = step(text, left, "d", 24 * 3600) || weeks;
        step(text, left, "h", 3600);
        if (!weeks) {
            step(text, left, "m", 60);
        }
        if (!days) {
            step(text, left, "s", 1);
        }
        return text.toString();
    }

    private static boolean step(StringBuilder text, long[] rest, String unit, long length) {
        long v = rest[0] / length;
        if (v <= 0) {
            return false;
        }
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(v).append(unit);
        rest[0] -= v * length;
        return true;
    }

    /** C's {@code %.Nf}: the exact binary value rounded half to even, as glibc does. */

    /** Perl's {@code "$value"}. */
    static String perlString(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return CNumbers.perl(d);
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return value.toString();
    }

    private static double perlNumber(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")
                .matcher(String.valueOf(value));
        return m.find() ? Double.parseDouble(m.group()) : 0;
    }

    private static boolean perlTrue(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = value.toString();
        return !s.isEmpty() && !s.equals("0");
    }
}
