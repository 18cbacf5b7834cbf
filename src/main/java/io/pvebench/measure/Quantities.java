package io.pvebench.measure;

import java.util.Locale;

/**
 * Formats a value in a base unit for people: {@code 9.41e9 bit/s} → {@code 9.41 Gbit/s},
 * {@code 0.000312 s}-style small times stay in {@code ms}. Stateless and thread-safe.
 */
public final class Quantities {

    private static final String[] BIT_PREFIXES = {"", "K", "M", "G", "T"};
    private static final String[] BYTE_PREFIXES = {"", "Ki", "Mi", "Gi", "Ti"};

    private Quantities() {
    }

    public static String format(double value, String unit) {
        return switch (unit) {
            case "bit/s" -> scaled(value, 1000, BIT_PREFIXES, "bit/s");
            case "bytes" -> scaled(value, 1024, BYTE_PREFIXES, "B");
            case "count" -> value == Math.rint(value) ? String.valueOf((long) value) : number(value);
            case "%" -> number(value) + " %";
            default -> number(value) + " " + unit;
        };
    }

    private static String scaled(double value, double step, String[] prefixes, String unit) {
        int i = 0;
        double v = value;
        while (Math.abs(v) >= step && i < prefixes.length - 1) {
            v /= step;
            i++;
        }
        return number(v) + " " + prefixes[i] + unit;
    }

    /** Three significant digits, no exponent, trailing zeros removed. */
    static String number(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 2 : 3;
        if (magnitude < 0.01) {
            decimals = 4;
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }
}
