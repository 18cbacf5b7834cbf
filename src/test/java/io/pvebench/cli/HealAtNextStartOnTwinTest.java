package io.pvebench.cli;

import io.pvebench.assess.Verdict;
import io.pvebench.stage.Heal;
import io.pvebench.stage.HealJournal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pvebench killed while a node's corosync traffic was dropped leaves the fault and its journal
 * entry; the next run against that cluster heals it before anything else, waits until the node
 * is back and the cluster quorate, strikes the entry, and then runs its cases on a whole cluster.
 */
@Tag("sim")
class HealAtNextStartOnTwinTest {

    @TempDir
    Path dir;

    @Test
    void theNextRunHealsWhatAKilledRunLeftBeforeItsCases() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, "heal-secret", 5, 20)) {
            // what the killed run did: the entry first, then the fault (and then it died)
            HealJournal journal = HealJournal.of(dir.resolve("reports"), "lab");
            journal.open("lab-check-20261125-170000-dead", Instant.parse("2026-11-25T17:00:00Z"),
                    "corosync traffic of pve2 dropped", List.of(Heal.of(Heal.Kind.ALLOW_COROSYNC, "pve2"),
                            Heal.of(Heal.Kind.AWAIT_NODE, "pve2")));
            cluster.twin.model().setIptablesRules("pve2", List.of("-A INPUT -p udp -m udp --dport 5405:5412 -j DROP",
                    "-A OUTPUT -p udp -m udp --dport 5405:5412 -j DROP"));
            assertThat(cluster.twin.model().quorate("pve1")).as("two nodes, one cut off: no quorum").isFalse();

            PipelineRunner.Outcome outcome = cluster.run(cluster.pipeline(1, "2s"), 5);

            assertThat(cluster.twin.model().iptablesRules("pve2")).isEmpty();
            assertThat(cluster.twin.model().quorate("pve1")).isTrue();
            assertThat(journal.pending()).isEmpty();
            assertThat(outcome.result().cases()).singleElement()
                    .satisfies(c -> assertThat(c.assessment().verdict()).isEqualTo(Verdict.PASS));
            Path folder = RunOutcomes.runFolder(dir.resolve("reports"));
            String commands = Files.readString(folder.resolve("raw/commands.jsonl"));
            // healed before the run looked for orphans or measured anything
            assertThat(commands.indexOf("iptables -w -D INPUT -p udp --dport 5405:5412 -j DROP"))
                    .isNotNegative().isLessThan(commands.indexOf("pvesh get /cluster/resources"));
            assertThat(outcome.result().environment().toString()).contains("corosync traffic of pve2 dropped");
        }
    }

    @Test
    void aFaultThatCannotBeHealedStopsTheRunWithWhatToDoByHand() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, "heal-secret", 5, 20)) {
            HealJournal journal = HealJournal.of(dir.resolve("reports"), "lab");
            journal.open("lab-check-20261125-170000-dead", Instant.parse("2026-11-25T17:00:00Z"),
                    "eth9 of pve2 down", List.of(new Heal(Heal.Kind.LINK_UP, "pve2", "eth9")));

            PipelineRunner.Outcome outcome = cluster.run(cluster.pipeline(1, "2s"), 5);

            assertThat(outcome.result().cases()).singleElement().satisfies(c -> {
                assertThat(c.assessment().verdict()).isEqualTo(Verdict.BROKEN);
                assertThat(c.assessment().reason()).contains("could not heal 'eth9 of pve2 down'")
                        .contains("heal it by hand: on pve2: ip link set dev eth9 up");
            });
            assertThat(journal.pending()).hasSize(1);
        }
    }
}
