package io.pvebench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.pipeline.Quantity.Kind;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuantityTest {

    @Test
    void sizesInBinaryUnitsArePowersOf1024() {
        assertThat(Quantity.parseSize("4 GiB")).contains(4_294_967_296L);
        assertThat(Quantity.parseSize("16384MiB")).contains(17_179_869_184L);
        assertThat(Quantity.parseSize("1.5 KiB")).contains(1536L);
        assertThat(Quantity.parseSize("2 TiB")).contains(2L << 40);
    }

    @Test
    void sizesInDecimalUnitsArePowersOf1000() {
        assertThat(Quantity.parseSize("8GB")).contains(8_000_000_000L);
        assertThat(Quantity.parseSize("512 B")).contains(512L);
        assertThat(Quantity.parseSize("1 KB")).contains(1000L);
    }

    @Test
    void sizesWithoutAKnownUnitAreRejected() {
        assertThat(Quantity.parseSize("4096")).isEmpty();
        assertThat(Quantity.parseSize("4 GB!")).isEmpty();
        assertThat(Quantity.parseSize("4 gib")).isEmpty();
        assertThat(Quantity.parseSize("-1 GiB")).isEmpty();
        assertThat(Quantity.parseSize("99999999999 TiB")).isEmpty();
    }

    @Test
    void durationsTakeMillisecondsSecondsMinutesAndHours() {
        assertThat(Quantity.parseDuration("5s")).contains(Duration.ofSeconds(5));
        assertThat(Quantity.parseDuration("200ms")).contains(Duration.ofMillis(200));
        assertThat(Quantity.parseDuration("1m")).contains(Duration.ofMinutes(1));
        assertThat(Quantity.parseDuration("1h")).contains(Duration.ofHours(1));
        assertThat(Quantity.parseDuration("0.5 s")).contains(Duration.ofMillis(500));
    }

    @Test
    void durationsWithoutAUnitAreRejected() {
        assertThat(Quantity.parseDuration("5")).isEmpty();
        assertThat(Quantity.parseDuration("5 sec")).isEmpty();
        assertThat(Quantity.parseDuration("")).isEmpty();
    }

    @Test
    void bitRatesConvertToBitsPerSecond() {
        assertThat(value("9 Gbit/s", Kind.BIT_RATE)).contains(9e9);
        assertThat(value("940Mbit/s", Kind.BIT_RATE)).contains(9.4e8);
        assertThat(value("100 Kbit/s", Kind.BIT_RATE)).contains(1e5);
        assertThat(value("9 Gbps", Kind.BIT_RATE)).isEmpty();
    }

    @Test
    void timesConvertToMilliseconds() {
        assertThat(value("1 ms", Kind.TIME)).contains(1.0);
        assertThat(value("500 us", Kind.TIME)).contains(0.5);
        assertThat(value("2 s", Kind.TIME)).contains(2000.0);
        assertThat(value("3", Kind.TIME)).isEmpty();
    }

    @Test
    void percentagesAndCountsKeepTheirValue() {
        assertThat(value("0 %", Kind.PERCENT)).contains(0.0);
        assertThat(value("0.5%", Kind.PERCENT)).contains(0.5);
        assertThat(value("10", Kind.COUNT)).contains(10.0);
        assertThat(value("10 %", Kind.COUNT)).isEmpty();
    }

    @Test
    void metricBaseUnitsMapToKinds() {
        assertThat(Kind.forBaseUnit("bit/s")).contains(Kind.BIT_RATE);
        assertThat(Kind.forBaseUnit("ms")).contains(Kind.TIME);
        assertThat(Kind.forBaseUnit("%")).contains(Kind.PERCENT);
        assertThat(Kind.forBaseUnit("count")).contains(Kind.COUNT);
    }

    @Test
    void durationsFormatTheWayFilesWriteThem() {
        assertThat(Quantity.format(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(Quantity.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Quantity.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Quantity.format(Duration.ofMillis(10))).isEqualTo("10ms");
        assertThat(Quantity.format(Duration.ZERO)).isEqualTo("0s");
    }

    private static Optional<Double> value(String text, Kind kind) {
        return Quantity.parse(text, kind).map(BigDecimal::doubleValue);
    }
}
