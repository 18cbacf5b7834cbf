package io.pvebench.measure;

import io.pvebench.measure.HaJournal.Event;
import io.pvebench.measure.HaJournal.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HaJournalTest {

    @Test
    void aPublishedFenceAndRecoveryReadsAsItsSequenceOfEvents() {
        List<Event> events = HaJournal.parse(
                CapturedOutput.read("proxmox/ha-journal/crm-fence-recovery-3node-zfs.txt"), 2025);

        assertThat(events).extracting(Event::kind).containsExactly(Kind.SERVICE_STATE, Kind.NODE_STATE,
                Kind.FENCE_ACKNOWLEDGED, Kind.SERVICE_STATE, Kind.RECOVER, Kind.SERVICE_STATE);
        assertThat(events.get(0)).isEqualTo(new Event(Instant.parse("2025-09-08T15:29:23Z"), "fyc-proxmox-2",
                "pve-ha-crm", Kind.SERVICE_STATE, "vm:100", "started", "fence", Optional.empty(),
                "service 'vm:100': state changed from 'started' to 'fence'"));
        assertThat(events.get(1)).extracting(Event::subject, Event::from, Event::to)
                .containsExactly("fyc-proxmox-1", "unknown", "fence");
        assertThat(events.get(2)).extracting(Event::at, Event::subject)
                .containsExactly(Instant.parse("2025-09-08T15:30:33Z"), "fyc-proxmox-1");
        assertThat(events.get(4)).extracting(Event::subject, Event::from, Event::to)
                .containsExactly("vm:100", "fyc-proxmox-1", "fyc-proxmox-3");
        // one space before the details in the published copy, two in Manager.pm: both read
        assertThat(events.get(5).node()).contains("fyc-proxmox-3");
        assertThat(events.get(5).to()).isEqualTo("started");
    }

    @Test
    void shortIsoLinesCarryTheirYearAndOffsetAndOtherLinesAreKept() {
        List<Event> events = HaJournal.parse("""
                -- Journal begins at Mon 2026-11-23 08:00:00 UTC. --
                2026-11-25T10:00:07+00:00 pve1 pve-ha-crm[1402]: node 'pve2': state changed from 'online' => 'unknown'
                2026-11-25T11:01:17+0100 pve1 pve-ha-crm[1402]: service 'vm:101': state changed from 'recovery' to 'started'  (node = pve1)
                2026-11-25T10:01:27+00:00 pve1 pve-ha-lrm[1399]: starting service vm:101
                -- No entries --
                """, 1999);

        assertThat(events).hasSize(3);
        assertThat(events.get(0).at()).isEqualTo(Instant.parse("2026-11-25T10:00:07Z"));
        assertThat(events.get(1).at()).isEqualTo(Instant.parse("2026-11-25T10:01:17Z"));
        assertThat(events.get(1).node()).contains("pve1");
        assertThat(events.get(2)).extracting(Event::kind, Event::daemon, Event::text)
                .containsExactly(Kind.OTHER, "pve-ha-lrm", "starting service vm:101");
    }

    @Test
    void detailsWithSeveralKeysGiveTheNode() {
        Event e = HaJournal.parse("2026-11-25T10:00:00+00:00 pve1 pve-ha-crm[1]: service 'vm:102': state changed"
                + " from 'migrate' to 'started'  (node = pve2, target = pve3)", 2026).get(0);

        assertThat(e.node()).contains("pve2");
    }
}
