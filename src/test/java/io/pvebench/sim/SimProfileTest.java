package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The 8.4 profile switches what differs from 9.2. */
class SimProfileTest {

    @Test
    void pve84TwinReportsItsVersionsAndLacksThe9xResourceFields() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 3).withVersion("8.4"))) {
            SshClient ssh = new SshClient(cluster);
            assertThat(ssh.run("pve1", "pveversion").stdout())
                    .matches("pve-manager/8\\.4\\.21/[0-9a-f]{16} \\(running kernel: 6\\.8\\.12-\\d+-pve\\)\n");
            assertThat(ssh.run("pve1", "pveversion -v").stdout())
                    .contains("\nqemu-server: 8.4.10\n", "\npve-ha-manager: 4.0.7\n");
            JsonNode all = new ObjectMapper().readTree(
                    ssh.run("pve1", "/usr/bin/pvesh get /cluster/resources --output-format json").stdout());
            assertThat(all.get(0).has("memhost")).isFalse();
            assertThat(all.get(0).has("maxmem")).isTrue();
            assertThat(all.get(2).get("type").asText()).isEqualTo("node");
            assertThat(all.get(2).has("host-arch")).isFalse();
            assertThat(all.get(2).has("cgroup-mode")).isTrue();
        }
    }
}
