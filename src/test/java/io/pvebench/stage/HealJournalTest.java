package io.pvebench.stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealJournalTest {

    private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");

    @TempDir
    Path reports;

    @Test
    void anEntryIsOnDiskUntilItIsHealedAndAnotherProcessReadsIt() {
        HealJournal journal = HealJournal.of(reports, "lab");
        String id = journal.open("run-1", T0, "corosync of pve2 dropped",
                List.of(Heal.of(Heal.Kind.ALLOW_COROSYNC, "pve2"), Heal.of(Heal.Kind.AWAIT_NODE, "pve2")));
        String other = journal.open("run-1", T0.plusSeconds(5), "eth1 of pve1 down",
                List.of(new Heal(Heal.Kind.LINK_UP, "pve1", "eth1")));

        // what a pvebench started after this one died reads
        List<HealJournal.Entry> read = HealJournal.of(reports, "lab").pending();
        assertThat(read).extracting(HealJournal.Entry::change).containsExactly("corosync of pve2 dropped",
                "eth1 of pve1 down");
        assertThat(read.get(0).heals()).containsExactly(Heal.of(Heal.Kind.ALLOW_COROSYNC, "pve2"),
                Heal.of(Heal.Kind.AWAIT_NODE, "pve2"));
        assertThat(read.get(0).recordedAt()).isEqualTo(T0);
        assertThat(read.get(1).heals()).containsExactly(new Heal(Heal.Kind.LINK_UP, "pve1", "eth1"));

        journal.close(id);
        journal.close(id);
        assertThat(journal.pending()).extracting(HealJournal.Entry::id).containsExactly(other);
        journal.close(other);
        assertThat(journal.pending()).isEmpty();
        assertThat(journal.file()).doesNotExist();
    }

    @Test
    void eachClusterHasItsOwnJournal() {
        HealJournal.of(reports, "lab").open("run-1", T0, "x", List.of(Heal.of(Heal.Kind.AWAIT_NODE, "pve1")));

        assertThat(HealJournal.of(reports, "prod").pending()).isEmpty();
        assertThat(HealJournal.of(reports, "../lab").file().getParent()).isEqualTo(reports.resolve(".heal"));
    }

    @Test
    void anUnreadableJournalSaysWhichFileToHealByHand() throws Exception {
        HealJournal journal = HealJournal.of(reports, "lab");
        Files.createDirectories(journal.file().getParent());
        Files.writeString(journal.file(), "[{\"id\": ");

        assertThatThrownBy(journal::pending).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(journal.file().toString()).hasMessageContaining("heal what it lists by hand");
    }

    @Test
    void aDeviceGoesWithALinkAndNothingElse() {
        assertThatThrownBy(() -> new Heal(Heal.Kind.LINK_UP, "pve1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Heal(Heal.Kind.ALLOW_COROSYNC, "pve1", "eth0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
