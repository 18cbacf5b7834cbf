package io.pvebench.pipeline;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Hints for a misspelled word: the nearest allowed one by edit distance, or the whole list. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * {@code did you mean 'x'?} when one allowed word is close to {@code word}, otherwise
     * {@code <listName>: a, b, c}.
     */
    static String hint(String word, Collection<String> allowed, String listName) {
        return nearest(word, allowed)
                .map(near -> "did you mean '" + near + "'?")
                .orElse(listName + ": " + String.join(", ", allowed));
    }

    /** The allowed word closest to {@code word}, if close: at most a third of its letters differ. */
    static Optional<String> nearest(String word, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(normalized(word), normalized(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > Math.max(1, Math.min(3, best.length() / 3))) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** Case and separators do not count: {@code time_scale} is {@code timeScale}. */
    private static String normalized(String word) {
        return word.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
