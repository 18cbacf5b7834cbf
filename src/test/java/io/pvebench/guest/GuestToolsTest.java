package io.pvebench.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class GuestToolsTest {

    private static final GuestVm VM = new GuestVm(101, "pve1");

    /** A guest whose agent answers {@code exec} with {@code answer}; nothing else is used here. */
    private static GuestPort guest(BiFunction<GuestVm, List<String>, GuestResult> answer) {
        return new GuestPort() {
            @Override
            public GuestResult exec(GuestVm vm, List<String> argv, Duration timeout) {
                return answer.apply(vm, argv);
            }

            @Override
            public long start(GuestVm vm, List<String> argv) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<GuestResult> poll(GuestVm vm, long pid) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String address(GuestVm vm) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A guest where only the programs in {@code installed} exist. */
    private static GuestPort guestWith(List<String> installed) {
        return guest((vm, argv) -> {
            int exit = installed.contains(argv.get(0)) ? 0 : 127;
            return new GuestResult(vm, argv, exit, "", exit == 0 ? "" : "not found", Duration.ZERO);
        });
    }

    @Test
    void aGuestWithoutStressNgIsNotReadyForLoadAndSaysWhatIsMissing() {
        GuestPort guest = guestWith(List.of("iperf3", "ping"));

        assertThat(GuestTools.missing(guest, VM, GuestTools.NETWORK)).isEmpty();
        assertThat(GuestTools.missing(guest, VM, GuestTools.LOAD))
                .containsExactly("vm 101 on pve1: 'stress-ng --version' exited 127 (is stress-ng installed?)");
    }

    @Test
    void anAgentThatDoesNotAnswerIsReportedOnce() {
        GuestPort silent = guest((vm, argv) -> {
            throw new GuestAgentException("QEMU guest agent is not running");
        });

        assertThat(GuestTools.missing(silent, VM, GuestTools.NETWORK))
                .containsExactly("vm 101 on pve1: QEMU guest agent is not running");
    }
}
