package io.pvebench.sim.command;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C's {@code printf("%.<p>g")} for doubles, as glibc prints it (round half to even on
 * the exact binary value, trailing zeros removed, exponent form when the exponent is
 * below -4 or at least the precision). Perl prints numbers with {@code %.15g}; cJSON
 * with {@code %1.15g}, or {@code %1.17g} when 15 digits do not read back equal.
 */
public final class CNumbers {

    private CNumbers() {
    }

    public static String g(double value, int precision) {
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return m + "e" + sign + (abs < 10 ? "0" + abs : Integer.toString(abs));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** A number as Perl's JSON module prints an NV. */
    public static String perl(double value) {
        return g(value, 15);
    }

    /** A number as cJSON 1.7 prints it. */
    public static String cjson(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
            return Long.toString((long) value);
        }
        String text = g(value, 15);
        if (Double.parseDouble(text) != value) {
            text = g(value, 17);
        }
        return text;
    }
}
