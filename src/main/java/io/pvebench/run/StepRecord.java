package io.pvebench.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stage of one case as it happened.
 *
 * @param name        stage name ({@code baseline}, {@code teardown})
 * @param status      how it ended
 * @param detail      why it broke, or a short note; empty when there is nothing to say
 * @param start       when it began
 * @param end         when it ended
 * @param attachments raw outputs and files it produced, in order
 */
public record StepRecord(String name, StepStatus status, String detail, Instant start, Instant end,
                         List<Attachment> attachments) {

    public StepRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        attachments = List.copyOf(attachments);
    }
}
