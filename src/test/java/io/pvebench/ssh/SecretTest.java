package io.pvebench.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {

    @TempDir
    Path dir;

    @Test
    void neverShowsItsValueInToString() {
        Secret secret = Secret.of("hunter2");

        assertThat(secret).hasToString("******");
        assertThat(Credential.password(secret).toString()).doesNotContain("hunter2");
        assertThat(Credential.privateKey(dir.resolve("id"), secret).toString()).doesNotContain("hunter2");
    }

    @Test
    void revealsItsValueOnlyAsBytesForJsch() {
        assertThat(new String(Secret.of("grüße").utf8ForJsch(), StandardCharsets.UTF_8)).isEqualTo("grüße");
    }

    @Test
    void readsAnEnvironmentVariable() {
        Secret secret = Secret.fromEnvironment("PVE_PASSWORD", Map.of("PVE_PASSWORD", "s3cret"));

        assertThat(new String(secret.utf8ForJsch(), StandardCharsets.UTF_8)).isEqualTo("s3cret");
    }

    @Test
    void anUnsetVariableFailsNamingIt() {
        assertThatThrownBy(() -> Secret.fromEnvironment("PVE_PASSWORD", Map.of("OTHER", "x")))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("PVE_PASSWORD")
                .hasMessageContaining("not set");
    }

    @Test
    void anEmptyVariableFailsNamingIt() {
        assertThatThrownBy(() -> Secret.fromEnvironment("PVE_PASSWORD", Map.of("PVE_PASSWORD", "")))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("PVE_PASSWORD")
                .hasMessageContaining("empty");
    }

    @Test
    void readsAFileWithoutItsTrailingNewline() throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "two words\n");

        assertThat(new String(Secret.fromFile(file).utf8ForJsch(), StandardCharsets.UTF_8)).isEqualTo("two words");
    }

    @Test
    void keepsInnerAndLeadingWhitespaceOfAFile() throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, " a\tb \r\n");

        assertThat(new String(Secret.fromFile(file).utf8ForJsch(), StandardCharsets.UTF_8)).isEqualTo(" a\tb ");
    }

    @Test
    void aMissingFileFailsNamingIt() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> Secret.fromFile(missing))
                .isInstanceOf(SshException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void anEmptyFileFails() throws Exception {
        Path file = dir.resolve("empty");
        Files.writeString(file, "\n");

        assertThatThrownBy(() -> Secret.fromFile(file)).isInstanceOf(SshException.class).hasMessageContaining("empty");
    }
}
