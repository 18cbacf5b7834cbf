package io.pvebench.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PveVersionTest {

    @Test
    void readsReleaseAndKernelFromPveversion() {
        // shape from pve-manager bin/pveversion (reference/README.md, "pveversion")
        PveVersion v = PveVersion.parse("pve-manager/9.2.11/3f2a9c1d7e4b6a80 (running kernel: 7.0.2-1-pve)\n");

        assertThat(v.manager()).isEqualTo("9.2.11");
        assertThat(v.release()).isEqualTo("9.2");
        assertThat(v.kernel()).isEqualTo("7.0.2-1-pve");
        assertThat(v.atLeast(9, 0)).isTrue();
        assertThat(v.atLeast(9, 3)).isFalse();
    }

    @Test
    void readsAnEightFourNode() {
        PveVersion v = PveVersion.parse("pve-manager/8.4.21/c1e5b2f3a4d56789 (running kernel: 6.8.12-11-pve)");

        assertThat(v.major()).isEqualTo(8);
        assertThat(v.minor()).isEqualTo(4);
        assertThat(v.atLeast(9, 0)).isFalse();
    }

    @Test
    void somethingElseIsAClearError() {
        assertThatThrownBy(() -> PveVersion.parse("bash: line 1: pveversion: command not found"))
                .isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("no 'pve-manager/<version>/<hash>");
    }
}
