package io.pvebench.ssh;

/**
 * A host's key could not be verified: it is unknown under {@link HostKeyPolicy#STRICT},
 * or it differs from the key recorded in known_hosts. The message says which host,
 * which file, and how to fix it.
 */
public class HostKeyException extends SshException {

    public HostKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
