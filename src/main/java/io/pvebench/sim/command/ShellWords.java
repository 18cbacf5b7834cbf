package io.pvebench.sim.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one command line into words the way a POSIX shell does for a simple command:
 * whitespace separates words; {@code '...'} is literal; {@code "..."} keeps everything
 * but {@code \"}, {@code \\}, {@code \$} and {@code \`} escapes; a backslash outside
 * quotes escapes the next character. No expansion, no operators (pvebench quotes every
 * value, so the twin needs none).
 */
public final class ShellWords {

    private ShellWords() {
    }

    /** Thrown for an unterminated quote; the message is bash's. */
    public static final class UnterminatedQuoteException extends IllegalArgumentException {
        public UnterminatedQuoteException(char quote) {
            super("bash: -c: line 1: unexpected EOF while looking for matching `" + quote + "'");
        }
    }

    /** Thrown for an unquoted metacharacter the twin does not interpret. */
    public static final class UnsupportedSyntaxException extends IllegalArgumentException {
        public UnsupportedSyntaxException(char c, String line) {
            super("twin: unquoted shell metacharacter '" + c + "' in: " + line
                    + " (the twin runs simple commands only; quote every value)");
        }
    }

    private static final String METACHARACTERS = ";|&<>$`()*?[]";

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new UnterminatedQuoteException('\'');
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < line.length()) {
                    if (line.charAt(i + 1) != '\n') {
                        word.append(line.charAt(i + 1));
                        inWord = true;
                    }
                    i += 2;
                } else {
                    i++;
                }
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                if (METACHARACTERS.indexOf(c) >= 0 || (!inWord && (c == '#' || c == '~'))) {
                    throw new UnsupportedSyntaxException(c, line);
                }
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int doubleQuoted(String line, int from, StringBuilder word) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                if (line.charAt(i + 1) != '\n') {
                    word.append(line.charAt(i + 1));
                }
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new UnterminatedQuoteException('"');
    }
}
