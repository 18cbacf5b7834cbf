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

    /**
     * The simple commands of a list separated by unquoted {@code ;} (what {@code sh -c
     * 'a; b'} runs one after the other), each as written; a line without one is itself.
     * Quotes and backslashes are kept for {@link #split}; an unterminated quote is left
     * for it to report.
     */
    public static List<String> sequence(String line) {
        List<String> commands = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                i = end < 0 ? line.length() : end + 1;
            } else if (c == '"') {
                i++;
                while (i < line.length() && line.charAt(i) != '"') {
                    i += line.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == ';') {
                commands.add(line.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        commands.add(line.substring(Math.min(start, line.length())));
        return commands.stream().filter(command -> !command.isBlank()).toList();
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
