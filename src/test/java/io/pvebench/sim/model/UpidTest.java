package io.pvebench.sim.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** UPID text as pve-common {@code src/PVE/UPID.pm} encodes and decodes it. */
class UpidTest {

    @Test
    void encodesPidPstartAndStarttimeAsUpperCaseHexOfEightDigits() {
        Upid upid = new Upid("pve1", 0x2b14, 0x1a1b4, 1_764_057_600L, "qmstart", "100", "root@pam");
        assertThat(upid.text()).isEqualTo("UPID:pve1:00002B14:0001A1B4:69256200:qmstart:100:root@pam:");
    }

    @Test
    void decodesWhatItEncodesAndAllowsAnEmptyIdAndANineDigitPstart() {
        Upid upid = new Upid("pve-2", 4_000_000, 0x1_0000_0000L, 1_764_057_600L, "vzdump", "", "root@pam");
        assertThat(upid.text()).isEqualTo("UPID:pve-2:003D0900:100000000:69256200:vzdump::root@pam:");
        assertThat(Upid.parse(upid.text())).contains(upid);
    }

    @Test
    void rejectsTextTheDecodeRegexRejects() {
        assertThat(Upid.parse("UPID:pve1:2B14:0001A1B4:69256200:qmstart:100:root@pam:")).isEmpty();
        assertThat(Upid.parse("UPID:pve1:00002B14:0001A1B4:69256200:qmstart:100:root@pam")).isEmpty();
        assertThat(Upid.parse("UPID:-pve1:00002B14:0001A1B4:69256200:qmstart:100:root@pam:")).isEmpty();
        assertThat(Upid.parse(null)).isEmpty();
    }
}
