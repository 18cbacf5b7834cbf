package io.pvebench.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML file into a {@link YamlNode} tree with positions, using Jackson's YAML
 * streaming parser (SnakeYAML underneath). Aliases read as the anchored node. Syntax errors,
 * an empty file, duplicate keys and extra documents become problems, never stack traces.
 */
final class YamlTreeReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Path file;
    private final Problems problems;
    /** Nodes by YAML anchor ({@code &name}), so an alias ({@code *name}) reads as the node it names. */
    private final Map<String, YamlNode> anchors = new HashMap<>();

    private YamlTreeReader(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * The file's single document, or empty when it cannot be read, does not parse or holds
     * nothing (each reported to {@code problems}).
     *
     * @param what      what the file should hold, for messages ({@code "pipeline"})
     * @param emptyHint what an empty file lacks
     */
    static Optional<YamlNode> read(Path file, String what, String emptyHint, Problems problems) {
        return new YamlTreeReader(file, problems).read(what, emptyHint);
    }

    private Optional<YamlNode> read(String what, String emptyHint) {
        problems.reading(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(start(), what + " file not found");
            return Optional.empty();
        } catch (CharacterCodingException e) {
            problems.add(start(), "cannot read " + what + " file: not UTF-8 text");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(start(), "cannot read " + what + " file: " + e);
            return Optional.empty();
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(start(), "empty " + what + " file", emptyHint);
                return Optional.empty();
            }
            YamlNode root = node(parser, first);
            if (parser.nextToken() != null) {
                problems.add(position(parser.currentTokenLocation()), "more than one YAML document in a " + what + " file",
                        "remove the '---' separator and everything after it, or move it to its own file");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            syntaxError(e);
        } catch (IOException e) {
            problems.add(start(), "cannot read " + what + " file: " + e);
        }
        return Optional.empty();
    }

    /** SnakeYAML's own exception, under Jackson's, knows where the problem is and what it was inside. */
    private void syntaxError(JsonProcessingException e) {
        if (!(e.getCause() instanceof MarkedYAMLException marked) || marked.getProblemMark() == null) {
            problems.add(position(e.getLocation()), "YAML syntax error: " + oneLine(e.getOriginalMessage()));
            return;
        }
        Mark mark = marked.getProblemMark();
        Mark context = marked.getContextMark();
        String hint = marked.getContext() == null || context == null ? null
                : marked.getContext() + " started at line " + (context.getLine() + 1) + ", column " + (context.getColumn() + 1);
        problems.add(at(mark.getLine() + 1, mark.getColumn() + 1), "YAML syntax error: " + oneLine(marked.getProblem()), hint);
    }

    private YamlNode node(JsonParser parser, JsonToken token) throws IOException {
        SourcePosition at = position(parser.currentTokenLocation());
        YAMLParser yaml = (YAMLParser) parser;
        if (yaml.isCurrentAlias()) {
            YamlNode anchored = anchors.get(parser.getText());
            if (anchored != null) {
                return anchored;
            }
            // Jackson's streaming parser keeps anchors of lists and mappings only, not of scalars
            problems.add(at, "cannot resolve YAML alias '*" + parser.getText() + "'",
                    "anchors work on lists and mappings defined before the alias; write a single value out in full");
            return scalar(at, YamlNode.Scalar.Type.REPORTED, "*" + parser.getText(), null);
        }
        Object anchor = parser.getObjectId();
        YamlNode node = value(parser, token, at);
        if (anchor != null) {
            anchors.put(anchor.toString(), node);
        }
        return node;
    }

    private YamlNode value(JsonParser parser, JsonToken token, SourcePosition at) throws IOException {
        return switch (token) {
            case START_OBJECT -> mapping(parser, at);
            case START_ARRAY -> sequence(parser, at);
            case VALUE_NUMBER_INT -> scalar(at, YamlNode.Scalar.Type.INTEGER, parser.getText(), parser.getNumberValue());
            case VALUE_NUMBER_FLOAT -> scalar(at, YamlNode.Scalar.Type.FLOAT, parser.getText(), parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> scalar(at, YamlNode.Scalar.Type.BOOLEAN, parser.getText(), null);
            case VALUE_NULL -> scalar(at, YamlNode.Scalar.Type.NULL, "", null);
            default -> scalar(at, YamlNode.Scalar.Type.STRING, parser.getText(), null);
        };
    }

    private static YamlNode scalar(SourcePosition at, YamlNode.Scalar.Type type, String text, Number number) {
        return new YamlNode.Scalar(at, type, text, number);
    }

    private YamlNode mapping(JsonParser parser, SourcePosition at) throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, SourcePosition> seen = new HashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            SourcePosition keyAt = position(parser.currentTokenLocation());
            YamlNode value = node(parser, parser.nextToken());
            if (value instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL) {
                value = new YamlNode.Scalar(keyAt, s.type(), s.text(), null);
            }
            SourcePosition first = seen.putIfAbsent(key, keyAt);
            if (first != null) {
                problems.add(keyAt, "duplicate key '" + key + "'",
                        "'" + key + "' is already set at line " + first.line() + "; keep one");
            } else {
                entries.add(new YamlNode.Entry(key, keyAt, value));
            }
        }
        return new YamlNode.Mapping(at, entries);
    }

    private YamlNode sequence(JsonParser parser, SourcePosition at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            items.add(node(parser, t));
        }
        return new YamlNode.Sequence(at, items);
    }

    private SourcePosition position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return start();
        }
        return at(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    private SourcePosition at(int line, int column) {
        return new SourcePosition(file, line, column);
    }

    private SourcePosition start() {
        return at(1, 1);
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable YAML" : message.strip().lines().findFirst().orElse("unreadable YAML");
    }
}
