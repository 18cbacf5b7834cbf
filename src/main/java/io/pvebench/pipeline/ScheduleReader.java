package io.pvebench.pipeline;

import org.quartz.CronExpression;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** Reads a pipeline's {@code schedule:} into {@link ScheduleSettings}, every problem with its position. */
final class ScheduleReader {

    private static final Keys SCHEDULE = Keys.allowed("cron", "timeZone", "misfire").required("cron");
    private static final Map<String, ScheduleSettings.Misfire> MISFIRES = Map.of("runOnce",
            ScheduleSettings.Misfire.RUN_ONCE, "skip", ScheduleSettings.Misfire.SKIP);

    private final Values values;

    ScheduleReader(Values values) {
        this.values = values;
    }

    Optional<ScheduleSettings> read(MappingReader parent) {
        Optional<MappingReader> found = parent.mapping("schedule", SCHEDULE);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MappingReader s = found.get();
        int before = values.problems().count();
        Optional<String> cron = s.text("cron");
        cron.ifPresent(c -> {
            try {
                CronExpression.validateExpression(c);
            } catch (java.text.ParseException e) {
                values.problems().add(s.node("cron").orElseThrow().position(), "'schedule.cron': '" + c
                        + "' is not a Quartz cron expression: " + e.getMessage(),
                        "six or seven fields, seconds first, '?' for day of month or day of week: '0 0 2 * * ?' is"
                                + " 02:00 every day");
            }
        });
        ZoneId zone = ZoneOffset.UTC;
        if (s.has("timeZone")) {
            Optional<String> text = s.text("timeZone");
            try {
                zone = text.map(ZoneId::of).orElse(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                values.problems().add(s.node("timeZone").orElseThrow().position(), "'schedule.timeZone': '"
                        + text.orElse("") + "' is not a time zone", "a region such as Europe/Berlin, or UTC");
            }
        }
        ScheduleSettings.Misfire misfire = s.oneOf("misfire", MISFIRES, Map.of())
                .orElse(ScheduleSettings.Misfire.RUN_ONCE);
        if (values.problems().count() > before || cron.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScheduleSettings(cron.get(), zone, misfire));
    }
}
