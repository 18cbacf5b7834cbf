package io.pvebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.measure.Sample;
import io.pvebench.pipeline.CasePlan;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one format of a line of {@code cases.jsonl}: a {@link CaseRecord} without its samples
 * (those are in {@code samples.jsonl}, labelled {@code case=<id>}), written as a case finishes
 * and read back to judge the run again. Paths stay relative to the run folder, as
 * {@link Attachment} has them, so a run folder can be moved or copied. Stateless.
 */
final class CaseJournal {

    private CaseJournal() {
    }

    static Map<String, Object> line(CaseRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("case", record.plan().id());
        line.put("start", record.start());
        line.put("end", record.end());
        line.put("brokenReason", record.brokenReason());
        line.put("notRunReason", record.notRunReason());
        line.put("samples", record.samples().size());
        line.put("steps", record.steps().stream().map(CaseJournal::step).toList());
        line.put("phases", record.phases());
        return line;
    }

    private static Map<String, Object> step(StepRecord step) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", step.name());
        out.put("status", step.status().name().toLowerCase(Locale.ROOT));
        out.put("detail", step.detail());
        out.put("start", step.start());
        out.put("end", step.end());
        out.put("attachments", step.attachments().stream().map(a -> {
            Map<String, Object> attachment = new LinkedHashMap<>();
            attachment.put("title", a.title());
            attachment.put("file", a.file().toString().replace('\\', '/'));
            attachment.put("mimeType", a.mimeType());
            return attachment;
        }).toList());
        return out;
    }

    /** The case id a line is of. */
    static String caseId(JsonNode line) {
        return text(line, "case");
    }

    /** How many samples the case had when it finished. */
    static int sampleCount(JsonNode line) {
        JsonNode count = line.get("samples");
        if (count == null || !count.canConvertToInt()) {
            throw new IllegalArgumentException("'samples' is not a count");
        }
        return count.asInt();
    }

    /**
     * The record a line describes, for {@code plan} and with its {@code samples}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    static CaseRecord record(JsonNode line, CasePlan plan, List<Sample> samples) {
        List<StepRecord> steps = new ArrayList<>();
        for (JsonNode s : array(line, "steps")) {
            List<Attachment> attachments = new ArrayList<>();
            for (JsonNode a : array(s, "attachments")) {
                attachments.add(new Attachment(text(a, "title"), Path.of(text(a, "file")), text(a, "mimeType")));
            }
            StepStatus status;
            try {
                status = StepStatus.valueOf(text(s, "status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("step status '" + text(s, "status") + "' is none of "
                        + List.of(StepStatus.values()).toString().toLowerCase(Locale.ROOT));
            }
            steps.add(new StepRecord(text(s, "name"), status, s.path("detail").asText(""), instant(s, "start"),
                    instant(s, "end"), attachments));
        }
        List<Phase> phases = new ArrayList<>();
        for (JsonNode p : array(line, "phases")) {
            phases.add(new Phase(text(p, "name"), instant(p, "start"), instant(p, "end")));
        }
        return new CaseRecord(plan, steps, samples, phases, instant(line, "start"), instant(line, "end"),
                nullableText(line, "brokenReason"), nullableText(line, "notRunReason"));
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is not a list");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asText();
    }

    private static String nullableText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant: " + text(node, field));
        }
    }
}
