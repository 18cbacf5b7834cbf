package io.pvebench.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedStoreTest {

    private static final Duration CHECKIN = Duration.ofSeconds(7);

    @Test
    void aRoleAndPasswordWrittenBeforeTheHostAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> new SharedStore("jdbc:postgresql://bench:s3cret@db/pvebench", "", "", CHECKIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PVEBENCH_STORE_PASSWORD").hasMessageNotContaining("s3cret");
    }

    @Test
    void aUrlTheDriverCannotReadIsRefusedWithoutItsQuery() {
        // pgjdbc's own "Unable to parse URL" would quote it whole, password and all
        assertThatThrownBy(() -> new SharedStore("jdbc:postgresql://db:54x2/pvebench?password=s3cret", "", "",
                CHECKIN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://db:54x2/pvebench?…").hasMessageNotContaining("s3cret");
    }

    @Test
    void aDriversMessageIsPrintedWithoutTheUrlsQueryOrThePassword() {
        SharedStore store = new SharedStore("jdbc:postgresql://db:5432/pvebench?password=q1&ssl=true", "bench", "p4ss",
                CHECKIN);

        assertThat(store.redact("FATAL: password authentication failed (tried p4ss) for "
                + "jdbc:postgresql://db:5432/pvebench?password=q1&ssl=true"))
                .isEqualTo("FATAL: password authentication failed (tried …) for jdbc:postgresql://db:5432/pvebench?…");
        assertThat(store.toString()).doesNotContain("p4ss").doesNotContain("q1");
    }
}
