package io.pvebench.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.ssh.SshHost;
import io.pvebench.ssh.SshHosts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentGuestPortTest {

    private static final SshHost PVE1 = new SshHost("pve1", "192.0.2.11", 22);
    private static final SshHost PVE2 = new SshHost("pve2", "192.0.2.12", 22);
    private static final SshHosts HOSTS = new SshHosts(List.of(PVE1, PVE2));
    private static final Duration TWENTY_SECONDS = Duration.ofSeconds(20);

    private final ScriptedShell shell = new ScriptedShell();
    private final AgentGuestPort port = new AgentGuestPort(shell, HOSTS);

    @Nested
    class Exec {

        private final GuestVm vm = new GuestVm(101, "pve2");

        @Test
        void sendsOneQmGuestExecLineToTheVmsNodeWithSafeWordsBare() {
            // the answer does not matter here; any real one will do
            shell.reply("qm guest exec 101 --timeout 20 -- ping -c 3 10.0.0.1", 0,
                    GuestOutput.read("qm-guest-exec/fstrim-linux.json"), "");

            port.exec(vm, List.of("ping", "-c", "3", "10.0.0.1"), TWENTY_SECONDS);

            assertThat(shell.calls()).singleElement().satisfies(call -> {
                assertThat(call.host()).isEqualTo(PVE2);
                assertThat(call.command()).isEqualTo("qm guest exec 101 --timeout 20 -- ping -c 3 10.0.0.1");
                // the guest's own budget plus 15 s for the agent round trip
                assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(35));
            });
        }

        @Test
        void singleQuotesWordsTheRemoteShellWouldOtherwiseExpand() {
            shell.reply("qm guest exec 101 --timeout 20 -- sh -c 'echo $HOME; echo it'\\''s' ''", 0,
                    GuestOutput.read("qm-guest-exec/fstrim-linux.json"), "");

            port.exec(vm, List.of("sh", "-c", "echo $HOME; echo it's", ""), TWENTY_SECONDS);

            assertThat(shell.calls()).extracting(ScriptedShell.Call::command)
                    .containsExactly("qm guest exec 101 --timeout 20 -- sh -c 'echo $HOME; echo it'\\''s' ''");
        }

        @Test
        void roundsASubSecondBudgetUpToWholeSecondsForQm() {
            shell.reply("qm guest exec 101 --timeout 2 -- true", 0,
                    GuestOutput.read("qm-guest-exec/fstrim-linux.json"), "");

            port.exec(vm, List.of("true"), Duration.ofMillis(1500));

            assertThat(shell.calls()).singleElement()
                    .satisfies(call -> assertThat(call.timeout()).isEqualTo(Duration.ofMillis(16500)));
        }

        @Test
        void readsExitCodeAndStdoutOfARealLinuxAnswer() {
            shell.reply("qm guest exec 101 --timeout 20 -- fstrim -av", 0,
                    GuestOutput.read("qm-guest-exec/fstrim-linux.json"), "");

            GuestResult result = port.exec(vm, List.of("fstrim", "-av"), TWENTY_SECONDS);

            assertThat(result.exitCode()).isZero();
            assertThat(result.succeeded()).isTrue();
            assertThat(result.stdout()).isEqualTo(
                    "/boot/efi: 98.2 MiB (102995968 bytes) trimmed on /dev/sda15\n"
                            + "/boot: 757.9 MiB (794685440 bytes) trimmed on /dev/sda16\n"
                            + "/: 72.7 GiB (78028627968 bytes) trimmed on /dev/sda1\n");
            assertThat(result.stderr()).isEmpty();
            assertThat(result.vm()).isEqualTo(vm);
            assertThat(result.argv()).containsExactly("fstrim", "-av");
        }

        @Test
        void quotesTheFormatOfARealDockerPsAndKeepsItsOutputLines() {
            // the same command line the publisher ran: qm guest exec 122 -- docker ps --format '{{.Names}}|{{.Status}}'
            GuestVm kasm = new GuestVm(122, "pve1");
            shell.reply("qm guest exec 122 --timeout 20 -- docker ps --format '{{.Names}}|{{.Status}}'", 0,
                    GuestOutput.read("qm-guest-exec/docker-ps-linux.json"), "");

            GuestResult result = port.exec(kasm, List.of("docker", "ps", "--format", "{{.Names}}|{{.Status}}"),
                    TWENTY_SECONDS);

            assertThat(result.stdout().lines()).hasSize(8)
                    .startsWith("kasm_proxy|Up 2 minutes")
                    .endsWith("kasm_db|Up 2 minutes (healthy)");
        }

        @Test
        void keepsTheCarriageReturnsOfAWindowsGuest() {
            shell.reply("qm guest exec 101 --timeout 20 -- powershell.exe -NonInteractive -Command whoami", 0,
                    GuestOutput.read("qm-guest-exec/powershell-windows.json"), "");

            GuestResult result = port.exec(vm, List.of("powershell.exe", "-NonInteractive", "-Command", "whoami"),
                    TWENTY_SECONDS);

            assertThat(result.stdout()).isEqualTo(
                    "AUDITMARK-20260910-PAP\r\nnt authority\\system\r\nDC01\r\nchild=powershell.exe parent= parentpid=\r\n");
        }

        @Test
        void aProcessKilledBySignalExitsWith128PlusTheSignalAndDoesNotSucceed() {
            // QGA GuestExecStatus: 'exitcode' only for a normal exit, 'signal' otherwise; the text follows
            // qm.pm's pretty, key-sorted printing. No published real answer of this kind was found.
            shell.reply("qm guest exec 101 --timeout 20 -- sleep 60", 0,
                    "{\n   \"exited\" : 1,\n   \"signal\" : 9\n}\n", "");

            GuestResult result = port.exec(vm, List.of("sleep", "60"), TWENTY_SECONDS);

            // as a shell reports it, and as poll() does for background commands: 128 + SIGKILL
            assertThat(result.exitCode()).isEqualTo(137);
            assertThat(result.succeeded()).isFalse();
        }

        @Test
        void aGuestCommandOutlivingTheTimeoutIsAGuestAgentException() {
            // qemu-server PVE/CLI/qm.pm: on timeout qm warns on stderr, prints the exec answer {pid} and exits 0
            shell.reply("qm guest exec 101 --timeout 20 -- apt update", 0,
                    "{\n   \"pid\" : 1650\n}\n", "timeout reached, returning pid\n");

            assertThatThrownBy(() -> port.exec(vm, List.of("apt", "update"), TWENTY_SECONDS))
                    .isInstanceOf(GuestAgentException.class)
                    .hasMessage("'apt update' in vm 101 on pve2 did not finish within 20 s (guest pid 1650 still running)");
        }

        @Test
        void aGuestExecDisabledInTheGuestAgentIsAGuestAgentExceptionWithQmsText() {
            String stderr = GuestOutput.read("qm-guest-exec/guest-exec-disabled.stderr.txt");
            shell.reply("qm guest exec 101 --timeout 20 -- test", 255, "", stderr);

            assertThatThrownBy(() -> port.exec(vm, List.of("test"), TWENTY_SECONDS))
                    .isInstanceOf(GuestAgentException.class)
                    .hasMessage("qm guest exec on vm 101 on pve2 failed (exit 255): "
                            + "Agent error: Command guest-exec has been disabled: the command is not allowed");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                // qemu-server PVE/QemuServer/Agent.pm assert_agent_available, in the order qm checks them
                "No QEMU guest agent configured",
                "VM 101 is not running",
                "QEMU guest agent is not running",
        })
        void aFailingQmIsAGuestAgentExceptionWithItsText(String error) {
            shell.reply("qm guest exec 101 --timeout 20 -- uptime", 255, "", error + "\n");

            assertThatThrownBy(() -> port.exec(vm, List.of("uptime"), TWENTY_SECONDS))
                    .isInstanceOf(GuestAgentException.class)
                    .hasMessage("qm guest exec on vm 101 on pve2 failed (exit 255): " + error);
        }
    }

    @Nested
    class Address {

        private static final String COMMAND = "qm guest cmd 101 network-get-interfaces";
        private final GuestVm vm = new GuestVm(101, "pve1");

        @Test
        void asksTheVmsNodeForTheInterfacesWithTheAgentBudget() {
            shell.reply(COMMAND, 0, GuestOutput.read("qm-guest-cmd/network-get-interfaces-pve8-opensuse-microos.json"),
                    "");

            port.address(vm);

            assertThat(shell.calls()).singleElement().satisfies(call -> {
                assertThat(call.host()).isEqualTo(PVE1);
                assertThat(call.command()).isEqualTo(COMMAND);
                assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(15));
            });
        }

        @Test
        void skipsLoopbackAndIpv6OfARealQmAnswer() {
            shell.reply(COMMAND, 0, GuestOutput.read("qm-guest-cmd/network-get-interfaces-pve8-opensuse-microos.json"),
                    "");

            assertThat(port.address(vm)).isEqualTo("192.168.3.102");
        }

        @Test
        void readsTheSameAgentDataPublishedThroughTheApi() throws Exception {
            // published as the API's {"data":{"result":[...]}}; qm prints only the result array
            String api = GuestOutput.read("qm-guest-cmd/network-get-interfaces-api-wrapped-proxmox-api-go-39.json");
            ObjectMapper json = new ObjectMapper();
            String result = json.writeValueAsString(json.readTree(api).path("data").path("result"));
            shell.reply(COMMAND, 0, result, "");

            assertThat(port.address(vm)).isEqualTo("192.168.0.123");
        }

        @Test
        void aNicStillWaitingForDhcpLeavesOnlyLoopbackAndIsAClearError() {
            // reconstructed from danitso/terraform-provider-proxmox#33: eth0 reported without ip-addresses
            shell.reply(COMMAND, 0, """
                    [{"hardware-address":"00:00:00:00:00:00","ip-addresses":[
                        {"ip-address":"127.0.0.1","ip-address-type":"ipv4","prefix":8},
                        {"ip-address":"::1","ip-address-type":"ipv6","prefix":128}],"name":"lo"},
                     {"hardware-address":"6e:c4:11:d0:53:10","name":"eth0"}]""", "");

            assertThatThrownBy(() -> port.address(vm))
                    .isInstanceOf(GuestAgentException.class)
                    .hasMessage("vm 101 on pve1 reports no IPv4 address other than loopback");
        }

        @Test
        void anAgentThatIsNotRunningIsAGuestAgentExceptionWithQmsText() {
            shell.reply(COMMAND, 255, "", "QEMU guest agent is not running\n");

            assertThatThrownBy(() -> port.address(vm))
                    .isInstanceOf(GuestAgentException.class)
                    .hasMessage("cannot read the network interfaces of vm 101 on pve1 (exit 255): "
                            + "QEMU guest agent is not running");
        }
    }
}
