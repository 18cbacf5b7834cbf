package io.pvebench.cli;

import io.pvebench.pipeline.ClusterDef;
import io.pvebench.pipeline.HostKeyMode;
import io.pvebench.pipeline.NodeDef;
import io.pvebench.pipeline.SshDef;
import io.pvebench.ssh.Credential;
import io.pvebench.ssh.HostKeyPolicy;
import io.pvebench.ssh.Secret;
import io.pvebench.ssh.SshException;
import io.pvebench.ssh.SshHost;
import io.pvebench.proxmox.ClusterClock;
import io.pvebench.ssh.SshHosts;
import io.pvebench.ssh.SshSettings;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A real cluster described by a cluster file. Secrets are read here, at the last
 * moment, from the environment variable or file the cluster file names; they never
 * pass through the pipeline model.
 */
final class InventoryTarget {

    private InventoryTarget() {
    }

    static ClusterTarget of(ClusterDef definition, Map<String, String> environment, Clock wall) {
        SshHosts hosts = new SshHosts(definition.nodes().stream()
                .map((NodeDef n) -> new SshHost(n.name(), n.address(), n.port()))
                .toList());
        SshSettings ssh;
        try {
            ssh = settings(definition.ssh(), environment);
        } catch (SshException e) {
            throw new InvalidInputException(definition.source() + ": " + e.getMessage());
        }
        // a real cluster is not ours to stop
        String first = definition.nodes().get(0).name();
        return new ClusterTarget(definition.name(), hosts, ssh,
                port -> ClusterClock.readFrom(port, first, wall, definition.timeScale()), () -> { });
    }

    private static SshSettings settings(SshDef def, Map<String, String> environment) {
        Credential credential;
        if (def.identityFile() != null) {
            Optional<Secret> passphrase = Optional.ofNullable(def.passphraseEnv())
                    .map(variable -> Secret.fromEnvironment(variable, environment));
            credential = new Credential.PrivateKey(def.identityFile(), passphrase);
        } else if (def.passwordEnv() != null) {
            credential = new Credential.Password(Secret.fromEnvironment(def.passwordEnv(), environment));
        } else {
            credential = new Credential.Password(Secret.fromFile(def.passwordFile()));
        }
        HostKeyPolicy policy = def.hostKeys() == HostKeyMode.ACCEPT_NEW ? HostKeyPolicy.ACCEPT_NEW
                : HostKeyPolicy.STRICT;
        return SshSettings.of(def.user(), credential, def.knownHosts())
                .withHostKeyPolicy(policy)
                .withConnectTimeout(def.connectTimeout());
    }
}
