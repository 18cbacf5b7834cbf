package io.pvebench.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    /** Values that break naive quoting; the round-trip tests send each through a real shell. */
    static final List<String> TRICKY = List.of(
            "two words", "$(id)", "`id`", "a;b", "a&&b", "it's", "'", "''", "\"double\"", "back\\slash",
            "line\nbreak", "tab\there", "", " ", "*", "~", "$HOME", "${HOME}", "!event", "#comment",
            "a|b", "<in>", "-n", "--", "grüße ✓ 日本", "trailing\n", "a'b'c", "\\'", "%s %d");

    static List<String> tricky() {
        return TRICKY;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm-100", "/var/lib/vz", "key=value", "user@host:22", "100%", "a+b,c", "_x.y"})
    void leavesSafeWordsBare(String word) {
        assertThat(ShellQuote.quote(word)).isEqualTo(word);
    }

    @Test
    void wrapsOtherWordsInSingleQuotes() {
        assertThat(ShellQuote.quote("two words")).isEqualTo("'two words'");
        assertThat(ShellQuote.quote("$(reboot)")).isEqualTo("'$(reboot)'");
    }

    @Test
    void escapesASingleQuoteByClosingAndReopening() {
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void quotesTheEmptyStringAsAnEmptyWord() {
        assertThat(ShellQuote.quote("")).isEqualTo("''");
    }

    @Test
    void joinsQuotedWordsIntoACommand() {
        assertThat(ShellQuote.command("qm", "set", "100", "--description", "a b; rm -rf /"))
                .isEqualTo("qm set 100 --description 'a b; rm -rf /'");
        assertThat(ShellQuote.command(List.of("echo", ""))).isEqualTo("echo ''");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ShellQuote.quote(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShellQuote.command(Arrays.asList("echo", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsANulByteWhichNoShellArgumentCanHold() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void rejectsAnEmptyCommand() {
        assertThatThrownBy(ShellQuote::command).isInstanceOf(IllegalArgumentException.class);
    }
}
