package io.pvebench.measure;

import java.time.Instant;

/**
 * The {@code [1764058665.123456]} prefix ping and fping print with {@code -D}: epoch
 * seconds and a decimal fraction of any length. Stateless.
 */
final class EpochStamp {

    private EpochStamp() {
    }

    /** The instant of {@code seconds.fraction}, or {@code fallback} when there was no prefix ({@code seconds} null). */
    static Instant parse(String seconds, String fraction, Instant fallback) {
        if (seconds == null) {
            return fallback;
        }
        String digits = fraction == null ? "" : fraction;
        long nanos = digits.isEmpty() ? 0 : Long.parseLong((digits + "000000000").substring(0, 9));
        return Instant.ofEpochSecond(Long.parseLong(seconds), nanos);
    }
}
