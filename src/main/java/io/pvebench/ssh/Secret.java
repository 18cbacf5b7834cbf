package io.pvebench.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A password or passphrase that never shows up in logs, messages or {@code toString()}.
 *
 * <p>Immutable and thread-safe. The value can only be read inside this package, by the
 * code that hands it to JSch ({@link #utf8ForJsch()}); everything else sees
 * {@code "******"}. Factories fail with {@link SshException} naming where the secret
 * should have come from, never what it is.
 */
public final class Secret {

    private static final String MASK = "******";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret given directly, e.g. by a test or an interactive prompt; must not be empty. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** The value of environment variable {@code variable}; unset or empty fails. */
    public static Secret fromEnvironment(String variable) {
        return fromEnvironment(variable, System.getenv());
    }

    /** As {@link #fromEnvironment(String)}, reading {@code environment} instead of the process's. */
    public static Secret fromEnvironment(String variable, Map<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(environment, "environment");
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            throw new SshException("environment variable " + variable + " is "
                    + (value == null ? "not set" : "empty") + "; export it with the password or passphrase");
        }
        return new Secret(value);
    }

    /**
     * The content of {@code file} (UTF-8) without its trailing line break, as written by
     * {@code echo secret > file}. A missing, unreadable or empty file fails.
     */
    public static Secret fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SshException("secret file " + file.toAbsolutePath() + " does not exist");
        } catch (IOException e) {
            // the exception text names the file and the reason, never its content
            throw new SshException("cannot read secret file " + file.toAbsolutePath() + ": " + e, e);
        }
        if (content.endsWith("\r\n")) {
            content = content.substring(0, content.length() - 2);
        } else if (content.endsWith("\n")) {
            content = content.substring(0, content.length() - 1);
        }
        if (content.isEmpty()) {
            throw new SshException("secret file " + file.toAbsolutePath() + " is empty");
        }
        return new Secret(content);
    }

    /** A fresh UTF-8 copy for JSch, which may wipe the array it is given. */
    byte[] utf8ForJsch() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
