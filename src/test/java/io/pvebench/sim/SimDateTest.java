package io.pvebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node's {@code date} reads the twin's model clock, as pvebench's cluster clock needs it to. */
class SimDateTest {

    private static final Instant FROZEN = Instant.parse("2026-11-25T08:05:09.123456789Z");
    private static SimCluster cluster;
    private static SshClient ssh;

    @BeforeAll
    static void startTwinWithAFrozenClock() {
        cluster = SimCluster.start(SimSpec.defaults(2, 42), Clock.fixed(FROZEN, ZoneOffset.UTC));
        ssh = new SshClient(cluster);
    }

    @AfterAll
    static void stopTwin() {
        cluster.close();
    }

    @Test
    void epochSecondsAndNanosecondsComeFromTheModelClock() throws Exception {
        SshClient.Result r = ssh.run("pve1", "date +%s.%N");
        assertThat(r.exitStatus()).isZero();
        assertThat(r.stdout()).isEqualTo(FROZEN.getEpochSecond() + ".123456789\n");
    }

    @Test
    void withoutAFormatItPrintsCoreutilsDefaultInUtc() throws Exception {
        assertThat(ssh.run("pve2", "date").stdout()).isEqualTo("Wed Nov 25 08:05:09 UTC 2026\n");
        assertThat(ssh.run("pve2", "date -u '+%Y-%m-%d %H:%M:%S %z %%'").stdout())
                .isEqualTo("2026-11-25 08:05:09 +0000 %\n");
    }

    @Test
    void anUnknownOptionIsRefusedLikeCoreutils() throws Exception {
        SshClient.Result r = ssh.run("pve1", "date -x");
        assertThat(r.exitStatus()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("date: invalid option -- 'x'\nTry 'date --help' for more information.\n");
    }
}
