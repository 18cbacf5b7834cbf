package io.pvebench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private final List<String> keys = List.of("name", "repetitions", "timeScale", "vmSpecs");

    @Test
    void suggestsTheNearestKeyForATypo() {
        assertThat(Suggestions.hint("repetitons", keys, "allowed keys")).isEqualTo("did you mean 'repetitions'?");
        assertThat(Suggestions.hint("nmae", keys, "allowed keys")).isEqualTo("did you mean 'name'?");
    }

    @Test
    void ignoresCaseAndSeparators() {
        assertThat(Suggestions.nearest("time_scale", keys)).contains("timeScale");
        assertThat(Suggestions.nearest("VMSPECS", keys)).contains("vmSpecs");
    }

    @Test
    void listsTheAllowedKeysWhenNoneIsClose() {
        assertThat(Suggestions.hint("colour", keys, "allowed keys"))
                .isEqualTo("allowed keys: name, repetitions, timeScale, vmSpecs");
    }

    @Test
    void countsAnAdjacentSwapAsOneEdit() {
        assertThat(Suggestions.distance("nmae", "name")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
