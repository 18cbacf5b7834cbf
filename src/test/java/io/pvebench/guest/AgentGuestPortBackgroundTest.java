package io.pvebench.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.RemoteShell;
import io.pvebench.ssh.SshHost;
import io.pvebench.ssh.SshHosts;
import io.pvebench.testsupport.TwinShell;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link AgentGuestPort#start} and {@link AgentGuestPort#poll}: background guest commands. */
class AgentGuestPortBackgroundTest {

    private static final SshHost PVE1 = new SshHost("pve1", "192.0.2.11", 22);
    private static final SshHost PVE2 = new SshHost("pve2", "192.0.2.12", 22);
    private static final SshHosts HOSTS = new SshHosts(List.of(PVE1, PVE2));

    @Nested
    class AgainstScriptedAnswers {

        private final ScriptedShell shell = new ScriptedShell();
        private final AgentGuestPort port = new AgentGuestPort(shell, HOSTS);
        private final GuestVm vm = new GuestVm(101, "pve2");

        @Test
        void startsWithSynchronousOffOnTheVmsNodeAndReturnsThePid() {
            shell.reply("qm guest exec 101 --synchronous 0 -- stress-ng --cpu 2 --timeout 60s", 0,
                    "{\n   \"pid\" : 2817\n}\n", "");

            long pid = port.start(vm, List.of("stress-ng", "--cpu", "2", "--timeout", "60s"));

            assertThat(pid).isEqualTo(2817);
            assertThat(shell.calls()).singleElement().satisfies(call -> {
                assertThat(call.host()).isEqualTo(PVE2);
                assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(15));
            });
        }

        @Test
        void quotesEveryWordOfTheBackgroundCommand() {
            shell.reply("qm guest exec 101 --synchronous 0 -- sh -c 'stress-ng --cpu 1 > /tmp/o 2>&1' ''", 0,
                    "{\n   \"pid\" : 9\n}\n", "");

            assertThat(port.start(vm, List.of("sh", "-c", "stress-ng --cpu 1 > /tmp/o 2>&1", ""))).isEqualTo(9);
        }

        @Test
        void aProgramTheAgentCannotSpawnFailsTheStart() {
            shell.reply("qm guest exec 101 --synchronous 0 -- nosuch", 255, "",
                    "Agent error: Failed to execute child process \u201cnosuch\u201d (No such file or directory)\n");

            assertThatThrownBy(() -> port.start(vm, List.of("nosuch")))
                    .isInstanceOf(GuestAgentException.class).hasMessageContaining("Failed to execute child process");
        }

        @Test
        void pollIsEmptyWhileRunningThenTheResultWithTheStartedArgv() {
            shell.reply("qm guest exec 101 --synchronous 0 -- stress-ng --cpu 1", 0, "{\n   \"pid\" : 77\n}\n", "");
            long pid = port.start(vm, List.of("stress-ng", "--cpu", "1"));
            shell.reply("qm guest exec-status 101 77", 0, "{\n   \"exited\" : 0\n}\n", "");

            assertThat(port.poll(vm, pid)).isEmpty();

            shell.reply("qm guest exec-status 101 77", 0,
                    "{\n   \"err-data\" : \"stress-ng: info:  [77] done\\n\",\n   \"exitcode\" : 0,\n"
                            + "   \"exited\" : 1,\n   \"out-data\" : \"x\\n\"\n}\n", "");
            Optional<GuestResult> done = port.poll(vm, pid);

            assertThat(done).hasValueSatisfying(r -> {
                assertThat(r.exitCode()).isZero();
                assertThat(r.stdout()).isEqualTo("x\n");
                assertThat(r.stderr()).isEqualTo("stress-ng: info:  [77] done\n");
                assertThat(r.argv()).containsExactly("stress-ng", "--cpu", "1");
            });
            assertThat(shell.calls()).extracting(ScriptedShell.Call::command).containsExactly(
                    "qm guest exec 101 --synchronous 0 -- stress-ng --cpu 1",
                    "qm guest exec-status 101 77", "qm guest exec-status 101 77");
        }

        @Test
        void aSignalBecomesExitCode128PlusTheSignal() {
            shell.reply("qm guest exec-status 101 5", 0, "{\n   \"exited\" : 1,\n   \"signal\" : 9\n}\n", "");

            assertThat(port.poll(vm, 5)).hasValueSatisfying(r -> {
                assertThat(r.exitCode()).isEqualTo(137);
                assertThat(r.argv()).isEmpty();
            });
        }

        @Test
        void anUnknownPidIsTheAgentsError() {
            shell.reply("qm guest exec-status 101 5", 255, "", "Agent error: Invalid parameter 'pid'\n");

            assertThatThrownBy(() -> port.poll(vm, 5)).isInstanceOf(GuestAgentException.class)
                    .hasMessageContaining("Invalid parameter 'pid'");
        }
    }

    @Nested
    @Tag("sim")
    class AgainstTheTwin {

        @Test
        void startsStressNgInTheBackgroundAndCollectsItsOutputOnce() throws Exception {
            try (TwinShell twin = new TwinShell("9.2", 5, 50)) {
                AgentGuestPort port = new AgentGuestPort(new TwinRemoteShell(twin), HOSTS);
                GuestVm vm = new GuestVm(101, "pve1");

                long t0 = System.nanoTime();
                long pid = port.start(vm, List.of("stress-ng", "--cpu", "1", "--timeout", "40s", "--metrics-brief"));
                assertThat((System.nanoTime() - t0) / 1e9).isLessThan(0.6); // 40 model s = 0.8 s wall
                assertThat(port.poll(vm, pid)).isEmpty();

                Thread.sleep(1000);
                Optional<GuestResult> done = port.poll(vm, pid);

                assertThat(done).hasValueSatisfying(r -> {
                    assertThat(r.exitCode()).isZero();
                    assertThat(r.stdout()).isEmpty();
                    assertThat(r.stderr()).contains("dispatching hogs: 1 cpu")
                            .contains("successful run completed in 40.0");
                });
                assertThatThrownBy(() -> port.poll(vm, pid)).isInstanceOf(GuestAgentException.class)
                        .hasMessageContaining("Agent error: Invalid parameter 'pid'");
            }
        }

        @Test
        void pkillThroughExecEndsTheBackgroundStressNgEarly() throws Exception {
            try (TwinShell twin = new TwinShell("9.2", 5, 50)) {
                AgentGuestPort port = new AgentGuestPort(new TwinRemoteShell(twin), HOSTS);
                GuestVm vm = new GuestVm(101, "pve1");
                long pid = port.start(vm, List.of("stress-ng", "--cpu", "1", "--timeout", "1h"));

                assertThat(port.exec(vm, List.of("pkill", "stress-ng"), Duration.ofSeconds(10)).exitCode()).isZero();

                assertThat(port.poll(vm, pid)).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
            }
        }
    }

    /** pvebench's SSH layer to the twin, by node name, as {@link TwinShell} runs it. */
    private record TwinRemoteShell(TwinShell twin) implements RemoteShell {

        @Override
        public CommandResult run(SshHost host, String command, Duration timeout) {
            return twin.run(host.name(), command);
        }

        @Override
        public void close() {
        }
    }
}
