package io.pvebench.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to log in to every host of one {@link JschRemoteShell}.
 *
 * @param user                login name, e.g. {@code root}
 * @param credential          password or private key
 * @param knownHosts          the known_hosts file host keys are checked against (and appended
 *                            to under {@link HostKeyPolicy#ACCEPT_NEW}); it may not exist yet
 * @param hostKeyPolicy       what to do with a host that is not in {@code knownHosts}
 * @param connectTimeout      limit for TCP connect plus SSH handshake and login, and for opening a channel
 * @param serverAliveInterval how long the connection may be silent before a keep-alive is sent;
 *                            after three unanswered ones the session counts as lost
 */
public record SshSettings(String user, Credential credential, Path knownHosts, HostKeyPolicy hostKeyPolicy,
                          Duration connectTimeout, Duration serverAliveInterval) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SERVER_ALIVE_INTERVAL = Duration.ofSeconds(15);

    public SshSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        requirePositiveMillis(connectTimeout, "connectTimeout");
        requirePositiveMillis(serverAliveInterval, "serverAliveInterval");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
    }

    /** Strict host-key checking with the defaults: 10 s connect timeout, 15 s keep-alive. */
    public static SshSettings of(String user, Credential credential, Path knownHosts) {
        return new SshSettings(user, credential, knownHosts, HostKeyPolicy.STRICT,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_SERVER_ALIVE_INTERVAL);
    }

    public SshSettings withHostKeyPolicy(HostKeyPolicy policy) {
        return new SshSettings(user, credential, knownHosts, policy, connectTimeout, serverAliveInterval);
    }

    public SshSettings withConnectTimeout(Duration timeout) {
        return new SshSettings(user, credential, knownHosts, hostKeyPolicy, timeout, serverAliveInterval);
    }

    public SshSettings withServerAliveInterval(Duration interval) {
        return new SshSettings(user, credential, knownHosts, hostKeyPolicy, connectTimeout, interval);
    }

    private static void requirePositiveMillis(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        // JSch takes int milliseconds; zero would mean "no limit" to it
        if (duration.toMillis() < 1 || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms: " + duration);
        }
    }
}
