package io.pvebench.measure;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverTimelineTest {

    private static final Instant FAILED = Instant.parse("2025-09-08T15:28:20Z");

    private static List<HaJournal.Event> published() {
        return HaJournal.parse(CapturedOutput.read("proxmox/ha-journal/crm-fence-recovery-3node-zfs.txt"), 2025);
    }

    @Test
    void aPublishedRecoveryGivesEveryPhaseFromTheFailure() {
        FailoverTimeline t = FailoverTimeline.of(FAILED, "fyc-proxmox-1", "vm:100", published(),
                Optional.of(FAILED.plusSeconds(80)), Optional.of("fyc-proxmox-3"), Optional.of(FAILED.plusSeconds(95)),
                Optional.of(FAILED.plusSeconds(97)));

        // the excerpt starts at the fence: the node's 'online => unknown' was not pasted
        assertThat(t.detected()).isEmpty();
        assertThat(t.fence()).contains(Instant.parse("2025-09-08T15:29:23Z"));
        assertThat(t.fenceAck()).contains(Instant.parse("2025-09-08T15:30:33Z"));
        assertThat(t.recovery()).contains(Instant.parse("2025-09-08T15:30:33Z"));
        assertThat(t.started()).contains(Instant.parse("2025-09-08T15:30:33Z"));
        assertThat(t.target()).contains("fyc-proxmox-3");
        assertThat(t.recovered()).isTrue();
        assertThat(t.describe()).isEqualTo("fence +63 s, fence acknowledged +133 s, recovery +133 s,"
                + " started on fyc-proxmox-3 +133 s, running +80 s, reachable +95 s, answers ping +97 s");
        assertThat(t.samples(Map.of("case", "c"), FAILED.plusSeconds(200)))
                .extracting(Sample::metric, Sample::value).contains(
                        org.assertj.core.groups.Tuple.tuple("failover_fence", 63_000.0),
                        org.assertj.core.groups.Tuple.tuple("failover_fence_acknowledged", 133_000.0),
                        org.assertj.core.groups.Tuple.tuple("failover_reachable", 95_000.0),
                        org.assertj.core.groups.Tuple.tuple("failover_not_recovered", 0.0));
    }

    @Test
    void eventsBeforeTheFailureOrAboutOtherServicesAndNodesDoNotCount() {
        FailoverTimeline later = FailoverTimeline.of(Instant.parse("2025-09-08T15:29:40Z"), "fyc-proxmox-1", "vm:100",
                published(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        FailoverTimeline other = FailoverTimeline.of(FAILED, "fyc-proxmox-3", "vm:200", published(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(later.fence()).isEmpty();
        assertThat(later.fenceAck()).isPresent();
        assertThat(other.fence()).isEmpty();
        assertThat(other.fenceAck()).isEmpty();
        assertThat(other.started()).isEmpty();
        assertThat(other.recovered()).isFalse();
        assertThat(other.describe()).isEqualTo("nothing happened");
        assertThat(other.samples(Map.of(), FAILED)).extracting(Sample::metric, Sample::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("failover_not_recovered", 1.0));
    }
}
