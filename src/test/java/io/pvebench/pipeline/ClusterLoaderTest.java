package io.pvebench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterLoaderTest {

    @Test
    void resolvesRelativePathsAgainstTheClusterFileAndTildeAgainstHome() {
        ClusterDef lab = ClusterLoader.load(Fixtures.valid("clusters/lab.yaml"), Fixtures.HOME);

        assertThat(lab.name()).isEqualTo("lab");
        assertThat(lab.nodes()).containsExactly(new NodeDef("pve1", "192.0.2.11", 22), new NodeDef("pve2", "192.0.2.12", 2222));
        assertThat(lab.ssh()).isEqualTo(new SshDef("bench",
                Fixtures.valid("clusters/keys/id_ed25519"), "PVEBENCH_SSH_PASSPHRASE", null, null,
                Path.of("/home/tester/.ssh/lab_known_hosts"), HostKeyMode.ACCEPT_NEW, Duration.ofSeconds(5)));
        assertThat(lab.allowDestructive()).isTrue();
        assertThat(lab.timeScale()).isEqualTo(20.0);
    }

    @Test
    void pathsExpandTildeToHomeAndResolveRelativeOnesAgainstTheFilesFolder() {
        Path home = Path.of("/home/tester");
        Path folder = Path.of("pipelines", "clusters");

        assertThat(Values.resolve("~", folder, home)).isEqualTo(home);
        assertThat(Values.resolve("~/.ssh/id_ed25519", folder, home)).isEqualTo(Path.of("/home/tester/.ssh/id_ed25519"));
        assertThat(Values.resolve("../keys/id", folder, home)).isEqualTo(Path.of("pipelines", "keys", "id"));
        assertThat(Values.resolve("/root/.pve-password", folder, home)).isEqualTo(Path.of("/root/.pve-password"));
        assertThat(Values.resolve("lab.yaml", null, home)).isEqualTo(Path.of("lab.yaml"));
    }

    @Test
    void appliesSshDefaults() {
        ClusterDef cluster = ClusterLoader.load(Fixtures.valid("clusters/password.yaml"), Fixtures.HOME);

        assertThat(cluster.nodes()).containsExactly(new NodeDef("pve1", "pve1.lab.example", 22));
        assertThat(cluster.ssh()).isEqualTo(new SshDef("root", null, null, "PVEBENCH_SSH_PASSWORD", null,
                Path.of("/home/tester/.ssh/known_hosts"), HostKeyMode.STRICT, Duration.ofSeconds(10)));
        assertThat(cluster.allowDestructive()).isFalse();
        assertThat(cluster.timeScale()).as("a real cluster's time runs with the wall clock").isEqualTo(1.0);
    }

    @Test
    void rejectsALiteralPasswordAndTwoWaysToLogIn() {
        Path file = Fixtures.broken("clusters/secret.yaml");

        assertThat(Fixtures.clusterProblems(file)).containsExactly(
                file + ":1:7: 'name' must match [a-z0-9][a-z0-9-]*, got 'Lab'\n"
                        + "  hint: use lowercase letters, digits and '-', starting with a letter or digit",
                file + ":4:12: duplicate node name 'pve1'\n  hint: already used at line 3",
                file + ":4:45: 'nodes[1].port' must be between 1 and 65535, got 70000",
                file + ":7:3: 'ssh.password' is not allowed: secrets never go into files that get committed\n"
                        + "  hint: put it in an environment variable named by 'passwordEnv', "
                        + "or in a file only you can read, named by 'passwordFile'",
                file + ":9:3: 'ssh.passwordEnv' and 'ssh.identityFile' exclude each other\n"
                        + "  hint: give exactly one way to log in",
                file + ":10:13: 'ssh.hostKeys' must be one of strict, accept-new, got 'lax'");
    }

    @Test
    void neverEchoesWhatLooksLikeASecretInAnEnvironmentVariableName() {
        Path file = Fixtures.broken("clusters/no-login.yaml");

        assertThat(Fixtures.clusterProblems(file)).containsExactly(
                file + ":2:8: 'nodes' must not be empty\n  hint: e.g. nodes: [{name: pve1, address: 192.0.2.11}]",
                file + ":5:16: 'ssh.passwordEnv' must be the name of an environment variable\n"
                        + "  hint: write the variable's name, such as PVEBENCH_SSH_PASSWORD, never the secret itself",
                file + ":6:3: 'ssh.passphraseEnv' only applies with 'ssh.identityFile'\n  hint: remove 'passphraseEnv'",
                file + ":7:19: 'ssh.connectTimeout': bad duration '10'\n"
                        + "  hint: accepted units: ms, s, m, h, e.g. '10s' or '200ms'");
        assertThat(String.join("\n", Fixtures.clusterProblems(file))).doesNotContain("hunter");
    }

    @Test
    void needsOneWayToLogInAndDistinctNodeAddresses() {
        Path file = Fixtures.broken("clusters/no-auth.yaml");

        assertThat(Fixtures.clusterProblems(file)).containsExactly(
                file + ":4:27: duplicate node address 192.0.2.11:22\n  hint: already used at line 3",
                file + ":6:3: 'ssh' needs one of 'identityFile', 'passwordEnv' or 'passwordFile'\n"
                        + "  hint: e.g. identityFile: ~/.ssh/id_ed25519",
                file + ":7:13: 'ssh.hostKeys' must be one of strict, accept-new, got 'acept-new'\n"
                        + "  hint: did you mean 'accept-new'?");
    }

    @Test
    void cleanupOrphansIsAnOptInAndAnUnknownValueIsAProblem() {
        assertThat(ClusterLoader.load(Fixtures.valid("clusters/cleanup.yaml"), Fixtures.HOME).removeOrphans()).isTrue();
        assertThat(ClusterLoader.load(Fixtures.valid("clusters/lab.yaml"), Fixtures.HOME).removeOrphans()).isFalse();
        Path file = Fixtures.broken("clusters/cleanup.yaml");

        assertThat(Fixtures.clusterProblems(file)).containsExactly(
                file + ":6:10: 'cleanup' must be one of none, orphans, got 'orphan'\n  hint: did you mean 'orphans'?");
    }
}
