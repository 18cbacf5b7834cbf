package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PveVersion} on {@code pveversion} lines that Proxmox users published (SOURCES.md). */
class PveVersionRealOutputTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "pveversion/9.1.9.txt,  9.1.9,  9, 1, 7.0.0-3-pve",
            "pveversion/9.1.6.txt,  9.1.6,  9, 1, 6.17.13-2-pve",
            "pveversion/9.0.10.txt, 9.0.10, 9, 0, 6.14.11-2-pve",
            "pveversion/8.3.5.txt,  8.3.5,  8, 3, 6.8.12-8-pve",
            "pveversion/8.0.3.txt,  8.0.3,  8, 0, 6.2.16-3-pve",
            "pveversion/7.4-14.txt, 7.4-14, 7, 4, 5.15.107-2-pve",
            "pveversion/7.2-5.txt,  7.2-5,  7, 2, 5.15.35-2-pve",
    })
    void readsManagerReleaseAndKernelFromARealLine(String file, String manager, int major, int minor,
                                                   String kernel) {
        PveVersion v = PveVersion.parse(ProxmoxOutput.read(file));

        assertThat(v).isEqualTo(new PveVersion(manager, major, minor, kernel));
    }

    @Test
    void aSevenDotXVersionWithADashStillOrdersByMajorAndMinor() {
        PveVersion v = PveVersion.parse(ProxmoxOutput.read("pveversion/7.4-14.txt"));

        assertThat(v.release()).isEqualTo("7.4");
        assertThat(v.atLeast(7, 4)).isTrue();
        assertThat(v.atLeast(8, 0)).isFalse();
    }

    @Test
    void verboseOutputHasNoShortLineButGivesTheRunningVersionAndKernel() {
        String verbose = ProxmoxOutput.read("pveversion/v-9.0.5-first-lines.txt");

        assertThat(verbose).doesNotContain("pve-manager/");
        assertThat(PveVersion.parse(verbose)).isEqualTo(new PveVersion("9.0.5", 9, 0, "6.14.8-2-pve"));
    }
}
