package io.pvebench.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import static io.pvebench.pipeline.Fixtures.broken;
import static io.pvebench.pipeline.Fixtures.pipelineProblems;
import static org.assertj.core.api.Assertions.assertThat;

class ScheduleSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aScheduleReadsItsCronZoneAndMisfirePolicy() throws Exception {
        Path file = dir.resolve("nightly.yaml");
        Files.writeString(file, """
                name: nightly
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                schedule: {cron: "0 30 2 ? * MON-FRI", timeZone: Europe/Berlin, misfire: skip}
                """);

        assertThat(PipelineLoader.load(file).schedule()).contains(new ScheduleSettings("0 30 2 ? * MON-FRI",
                ZoneId.of("Europe/Berlin"), ScheduleSettings.Misfire.SKIP));
    }

    @Test
    void withoutZoneAndMisfireItIsUtcAndRunsOnceAfterAMiss() throws Exception {
        Path file = dir.resolve("plain.yaml");
        Files.writeString(file, """
                name: plain
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                schedule: {cron: "0 0 2 * * ?"}
                """);

        assertThat(PipelineLoader.load(file).schedule()).hasValueSatisfying(s -> {
            assertThat(s.zone()).isEqualTo(ZoneId.of("Z"));
            assertThat(s.misfire()).isEqualTo(ScheduleSettings.Misfire.RUN_ONCE);
        });
    }

    @Test
    void badValuesAreReportedWithTheirPositionAndAHint() {
        Path file = broken("schedule.yaml");

        assertThat(pipelineProblems(file)).hasSize(3).satisfiesExactly(
                p -> assertThat(p).startsWith(file + ":5:9: 'schedule.cron': '0 0 2 * *' is not a Quartz cron"
                        + " expression").contains("hint: six or seven fields, seconds first"),
                p -> assertThat(p).isEqualTo(file + ":6:13: 'schedule.timeZone': 'Mars/Olympus' is not a time zone\n"
                        + "  hint: a region such as Europe/Berlin, or UTC"),
                p -> assertThat(p).startsWith(file + ":7:12: 'schedule.misfire' must be one of runOnce, skip"));
    }
}
