package io.pvebench.ssh;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quotes words for a POSIX shell, so a value reaches the remote command exactly as given.
 *
 * <p>Stateless and thread-safe. A word made only of {@code [A-Za-z0-9_./:=@%+,-]} stays
 * bare, for readable logs; anything else is wrapped in single quotes, inside which a
 * POSIX shell expands nothing, and each {@code '} becomes {@code '\''}. A {@code null}
 * word or one containing NUL fails with {@link IllegalArgumentException}: no shell
 * argument can hold NUL, so it would be silently cut.
 */
public final class ShellQuote {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellQuote() {
    }

    /** One word, quoted if needed; the empty string becomes {@code ''}. */
    public static String quote(String word) {
        if (word == null) {
            throw new IllegalArgumentException("cannot quote null");
        }
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain NUL");
        }
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words quoted and joined by single spaces: a command line for {@link RemoteShell#run}. */
    public static String command(String... words) {
        Objects.requireNonNull(words, "words");
        return command(List.of(words.clone()));
    }

    /** As {@link #command(String...)}; a list containing {@code null} fails with IllegalArgumentException. */
    public static String command(List<String> words) {
        Objects.requireNonNull(words, "words");
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least one word");
        }
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
