package io.pvebench.sim.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small format rules taken from C and Perl sources. */
class FormatRulesTest {

    @Test
    void cPercentGMatchesGlibc() {
        assertThat(CNumbers.g(1.00020694732666, 15)).isEqualTo("1.00020694732666");
        assertThat(CNumbers.g(2.8e-05, 15)).isEqualTo("2.8e-05");
        assertThat(CNumbers.g(9310044160.0, 15)).isEqualTo("9310044160");
        assertThat(CNumbers.g(1e20, 15)).isEqualTo("1e+20");
        assertThat(CNumbers.perl(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(CNumbers.cjson(40036831924.665245)).isEqualTo("40036831924.665245");
    }

    @Test
    void pingLossIsAFloatPrintedWithPercentG() {
        assertThat(Ping.lossPercent(15, 14)).isEqualTo("6.66667");
        assertThat(Ping.lossPercent(300, 272)).isEqualTo("9.33333");
        assertThat(Ping.lossPercent(20, 20)).isEqualTo("0");
        assertThat(Ping.lossPercent(4, 0)).isEqualTo("100");
    }

    @Test
    void pingReplyTimesUseIputilsPrecisionSteps() {
        assertThat(Ping.replyTime(45)).isEqualTo("0.045 ms");
        assertThat(Ping.replyTime(999)).isEqualTo("0.999 ms");
        assertThat(Ping.replyTime(1234)).isEqualTo("1.23 ms");
        assertThat(Ping.replyTime(12345)).isEqualTo("12.3 ms");
        assertThat(Ping.replyTime(123456)).isEqualTo("123 ms");
    }

    @Test
    void iputilsSquareRootReturnsNewtonsLastStepNotTheFloor() {
        // iputils returns x after the loop, which can overshoot the floor by one
        assertThat(Ping.llsqrt(0)).isZero();
        assertThat(Ping.llsqrt(2025)).isEqualTo(45);
        assertThat(Ping.llsqrt(2024)).isEqualTo(45);
        assertThat(Ping.llsqrt(2000)).isEqualTo(44);
    }

    @Test
    void shellWordsFollowPosixQuoting() {
        assertThat(ShellWords.split("qm guest exec '100' -- \"ping\" -c\\ 3 'it'\\''s' \"a\\\"b\\$\""))
                .containsExactly("qm", "guest", "exec", "100", "--", "ping", "-c 3", "it's", "a\"b$");
        assertThat(ShellWords.split("  a   ''  b ")).containsExactly("a", "", "b");
        assertThatThrownBy(() -> ShellWords.split("echo 'open")).hasMessageContaining("matching `''");
    }

    @Test
    void perlJsonIsCanonicalCompactOrPretty() {
        JsonObject o = new JsonObject().put("b", 1).put("a", java.util.List.of(0.5, "x")).put("c", new JsonObject());
        assertThat(PerlJson.compact(o)).isEqualTo("{\"a\":[0.5,\"x\"],\"b\":1,\"c\":{}}\n");
        assertThat(PerlJson.pretty(o)).isEqualTo("{\n   \"a\" : [\n      0.5,\n      \"x\"\n   ],\n   \"b\" : 1,\n"
                + "   \"c\" : {}\n}\n");
    }

    @Test
    void aCommandListSplitsAtSemicolonsOutsideQuotesOnly() {
        assertThat(ShellWords.sequence("ip link set dev bond0 down; echo 'a;b' \"c;d\" e\\;f ; true"))
                .containsExactly("ip link set dev bond0 down", " echo 'a;b' \"c;d\" e\\;f ", " true");
        assertThat(ShellWords.sequence("hostname")).containsExactly("hostname");
    }

    @Test
    void theRetransmissionTimerBacksOffFrom200Milliseconds() {
        assertThat(Iperf3.rtoExpiries(0, 1)).isEqualTo(2);   // 0.2, 0.6
        assertThat(Iperf3.rtoExpiries(1, 5)).isEqualTo(2);   // 1.4, 3.0
        assertThat(Iperf3.rtoExpiries(5, 10)).isEqualTo(1);  // 6.2
    }
}
