package io.pvebench.sim.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** pve-common {@code PVE/Format.pm} {@code render_bytes($value, 1)}, as clone and migration logs print sizes. */
class SizesTest {

    @Test
    void bytesUseBinaryUnitsWithOneDecimal() {
        assertThat(Sizes.bytes(0)).isEqualTo("0.0 B");
        assertThat(Sizes.bytes(1023)).isEqualTo("1023.0 B");
        assertThat(Sizes.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Sizes.bytes(343_597_383)).isEqualTo("327.7 MiB");
        assertThat(Sizes.bytes(32L << 30)).isEqualTo("32.0 GiB");
        // samples/proxmox/pve8-online-ha-dedicated-net.log: "transferred 1.1 GiB of 4.0 GiB"
        assertThat(Sizes.bytes(4L << 30)).isEqualTo("4.0 GiB");
        assertThat(Sizes.bytes(1_063_904_460L)).isEqualTo("1014.6 MiB");
    }

    @Test
    void tiesRoundHalfToEvenOnTheExactValueAsPerlsSprintfDoes() {
        // 1.25 MiB and 1.75 MiB are exact in binary: C/Perl print 1.2 and 1.8
        assertThat(Sizes.bytes(1_310_720)).isEqualTo("1.2 MiB");
        assertThat(Sizes.bytes(1_835_008)).isEqualTo("1.8 MiB");
    }
}
