package io.pvebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JunitXmlTest {

    @Test
    void controlCharactersFromAToolsStderrCannotBreakTheXml() {
        assertThat(JunitXml.xmlSafe("iperf3: error\u0000 - \u001b[31mred\u001b[0m\ttab\nline"))
                .isEqualTo("iperf3: error\uFFFD - \uFFFD[31mred\uFFFD[0m\ttab\nline");
    }
}
