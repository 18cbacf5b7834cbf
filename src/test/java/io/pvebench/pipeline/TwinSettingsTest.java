package io.pvebench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinSettingsTest {

    @TempDir
    Path dir;

    private Pipeline load(String twin) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, """
                name: qd
                twin: %s
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                """.formatted(twin));
        return PipelineLoader.load(file);
    }

    @Test
    void aTwinCanHaveAQdevice() throws Exception {
        assertThat(((TwinCluster) load("{nodes: 2, qdevice: true}").cluster()).qdevice()).isTrue();
    }

    @Test
    void aTwinHasNoQdeviceUnlessAsked() throws Exception {
        assertThat(((TwinCluster) load("{nodes: 2}").cluster()).qdevice()).isFalse();
    }

    @Test
    void qdeviceMustBeABoolean() {
        assertThatThrownBy(() -> load("{nodes: 2, qdevice: maybe}"))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("qdevice");
    }
}
