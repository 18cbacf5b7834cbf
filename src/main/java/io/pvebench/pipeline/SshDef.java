package io.pvebench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How to log in to a cluster's nodes. Exactly one of {@code identityFile},
 * {@code passwordEnv} and {@code passwordFile} is set; the others are {@code null}.
 * Secrets are never held here: only the names of environment variables and paths of files
 * that hold them. Paths are absolute or relative to the working directory, {@code ~} expanded.
 *
 * @param passphraseEnv  environment variable holding the identity file's passphrase, or
 *                       {@code null}; only with {@code identityFile}
 * @param passwordEnv    environment variable holding the password, or {@code null}
 * @param passwordFile   file holding the password, or {@code null}
 * @param knownHosts     OpenSSH known_hosts file ({@code ~/.ssh/known_hosts} by default)
 * @param connectTimeout how long to wait for a TCP connection and SSH handshake
 */
public record SshDef(
        String user,
        Path identityFile,
        String passphraseEnv,
        String passwordEnv,
        Path passwordFile,
        Path knownHosts,
        HostKeyMode hostKeys,
        Duration connectTimeout) {

    public SshDef {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeys, "hostKeys");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        long methods = Stream.of(identityFile, passwordEnv, passwordFile).filter(Objects::nonNull).count();
        if (methods != 1) {
            throw new IllegalArgumentException("exactly one of identityFile, passwordEnv, passwordFile");
        }
        if (passphraseEnv != null && identityFile == null) {
            throw new IllegalArgumentException("passphraseEnv needs identityFile");
        }
    }
}
