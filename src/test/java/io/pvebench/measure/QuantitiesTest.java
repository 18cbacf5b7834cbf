package io.pvebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void bitRatesUseDecimalPrefixes() {
        assertThat(Quantities.format(9.41e9, "bit/s")).isEqualTo("9.41 Gbit/s");
        assertThat(Quantities.format(945_000_000, "bit/s")).isEqualTo("945 Mbit/s");
        assertThat(Quantities.format(12, "bit/s")).isEqualTo("12 bit/s");
    }

    @Test
    void sizesUseBinaryPrefixes() {
        assertThat(Quantities.format(4L << 30, "bytes")).isEqualTo("4 GiB");
        assertThat(Quantities.format(1536, "bytes")).isEqualTo("1.5 KiB");
    }

    @Test
    void smallTimesKeepTheirDigits() {
        assertThat(Quantities.format(0.045, "ms")).isEqualTo("0.045 ms");
        assertThat(Quantities.format(0.0042, "ms")).isEqualTo("0.0042 ms");
        assertThat(Quantities.format(12.345, "ms")).isEqualTo("12.35 ms");
        assertThat(Quantities.format(0, "%")).isEqualTo("0 %");
        assertThat(Quantities.format(3.0, "count")).isEqualTo("3");
    }
}
