package io.pvebench.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApplicationProbeTest {

    private static ApplicationProbe probe(long periodMs, Duration connect, Duration max) {
        return new ApplicationProbe(8080, Duration.ofMillis(periodMs), 500, connect, max);
    }

    @Test
    void theClientIsOneArgvWithTheGlobAsOneElement() {
        ApplicationProbe p = probe(10, Duration.ofSeconds(2), Duration.ofMillis(2500));

        assertThat(p.clientArgv("10.10.0.21")).containsExactly("curl", "-q", "-s", "-o", "/dev/null",
                "--rate", "100/s", "--connect-timeout", "2", "--max-time", "2.5",
                "-w", "%{http_code} %{exitcode} %{time_connect} %{time_total} %{errormsg}\\n",
                "http://10.10.0.21:8080/?[1-500]");
    }

    @Test
    void theServerListsTmpOnEveryAddress() {
        assertThat(probe(10, Duration.ofSeconds(1), Duration.ofSeconds(2)).serverArgv())
                .containsExactly("python3", "-m", "http.server", "8080", "--bind", "0.0.0.0", "--directory", "/tmp");
    }

    @Test
    void aPeriodBecomesAWholeRatePerSecondMinuteOrHour() {
        assertThat(ApplicationProbe.rate(Duration.ofMillis(20))).isEqualTo("50/s");
        assertThat(ApplicationProbe.rate(Duration.ofMillis(30))).isEqualTo("2000/m");
        assertThat(ApplicationProbe.rate(Duration.ofMillis(45_000))).isEqualTo("80/h");
        assertThatThrownBy(() -> ApplicationProbe.rate(Duration.ofMillis(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not divide");
        assertThatThrownBy(() -> ApplicationProbe.rate(Duration.ofNanos(1_500_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of milliseconds");
    }

    @Test
    void timeoutsAreDecimalSecondsAsCurlReadsThem() {
        assertThat(ApplicationProbe.seconds(Duration.ofMillis(200))).isEqualTo("0.2");
        assertThat(ApplicationProbe.seconds(Duration.ofSeconds(20))).isEqualTo("20");
        assertThat(ApplicationProbe.seconds(Duration.ofMillis(1050))).isEqualTo("1.05");
    }

    @Test
    void badValuesAreRejectedBeforeAnythingRuns() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ApplicationProbe(80, Duration.ofMillis(10), 5, s, s))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new ApplicationProbe(8080, Duration.ofMillis(10), 0, s, s))
                .hasMessageContaining("count");
        assertThatThrownBy(() -> new ApplicationProbe(8080, Duration.ofMillis(10), 5, Duration.ofSeconds(2), s))
                .hasMessageContaining("shorter than connectTimeout");
        ApplicationProbe p = new ApplicationProbe(8080, Duration.ofMillis(10), 5, s, s);
        assertThatThrownBy(() -> p.clientArgv("10.0.0.1/?[1-9]; rm")).hasMessageContaining("IPv4");
        assertThatThrownBy(() -> p.clientArgv("300.0.0.1")).hasMessageContaining("IPv4");
    }
}
