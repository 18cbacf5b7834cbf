package io.pvebench.pipeline;

import java.util.List;
import java.util.Optional;

/** A YAML node that knows where it starts in its file; what validation works on. */
sealed interface YamlNode {

    SourcePosition position();

    /** The node as a message shows it after "got": {@code 'two'}, {@code a list}, {@code nothing}. */
    String described();

    /** A mapping; keys are unique (the reader reports and drops duplicates), in file order. */
    record Mapping(SourcePosition position, List<Entry> entries) implements YamlNode {

        public Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String described() {
            return "a mapping";
        }
    }

    /** One key of a mapping; a missing value ({@code key:}) is a NULL scalar at the key's position. */
    record Entry(String key, SourcePosition keyPosition, YamlNode value) {
    }

    record Sequence(SourcePosition position, List<YamlNode> items) implements YamlNode {

        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String described() {
            return "a list";
        }
    }

    /**
     * A scalar with its text as written (quotes removed).
     *
     * @param number the value of an INTEGER or FLOAT scalar, else {@code null}
     */
    record Scalar(SourcePosition position, Type type, String text, Number number) implements YamlNode {

        /** {@code REPORTED}: a value already reported as a problem, which checks skip. */
        enum Type { STRING, INTEGER, FLOAT, BOOLEAN, NULL, REPORTED }

        @Override
        public String described() {
            return type == Type.NULL ? "nothing" : "'" + text + "'";
        }
    }
}
