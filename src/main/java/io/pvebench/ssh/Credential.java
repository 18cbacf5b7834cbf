package io.pvebench.ssh;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How pvebench proves who it is to a host: a password, or a private key file.
 *
 * <p>Values; {@code toString()} never reveals a secret (see {@link Secret}). Key files are
 * in OpenSSH or PEM format, as {@code ssh-keygen} writes them; ed25519, ECDSA and RSA
 * keys work.
 */
public sealed interface Credential permits Credential.Password, Credential.PrivateKey {

    static Credential password(Secret password) {
        return new Password(password);
    }

    static Credential privateKey(Path keyFile) {
        return new PrivateKey(keyFile, Optional.empty());
    }

    static Credential privateKey(Path keyFile, Secret passphrase) {
        return new PrivateKey(keyFile, Optional.of(passphrase));
    }

    /** Password authentication (SSH method {@code password}). */
    record Password(Secret password) implements Credential {
        public Password {
            Objects.requireNonNull(password, "password");
        }
    }

    /**
     * Public-key authentication with a private key file.
     *
     * @param keyFile    the private key, e.g. {@code ~/.ssh/id_ed25519}
     * @param passphrase the key's passphrase, empty for an unencrypted key
     */
    record PrivateKey(Path keyFile, Optional<Secret> passphrase) implements Credential {
        public PrivateKey {
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(passphrase, "passphrase");
        }
    }
}
