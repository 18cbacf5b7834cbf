package io.pvebench.cli;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh login passwords for a twin this process starts: 128 random bits, hex. */
final class TwinPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TwinPasswords() {
    }

    static String fresh() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
