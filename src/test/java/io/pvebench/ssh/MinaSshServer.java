package io.pvebench.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;

/**
 * An in-process Apache MINA SSHD server on 127.0.0.1 for fast tests: one host key,
 * password and public-key login for any user, commands run by {@code /bin/sh -c}.
 * Counts the sessions opened, so tests can see whether a client reused one.
 */
final class MinaSshServer implements AutoCloseable {

    private final SshServer server = SshServer.setUpDefaultServer();
    private final KeyPair hostKey;
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final AtomicInteger commandsRunning = new AtomicInteger();
    private final AtomicInteger mostCommandsAtOnce = new AtomicInteger();

    MinaSshServer(KeyPair hostKey, String password, List<PublicKey> authorizedKeys) {
        this.hostKey = hostKey;
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, given, session) -> given.equals(password));
        server.setPublickeyAuthenticator((user, key, session) ->
                authorizedKeys.stream().anyMatch(authorized -> KeyUtils.compareKeys(authorized, key)));
        server.setCommandFactory((channel, command) -> new ProcessCommand(command,
                () -> mostCommandsAtOnce.accumulateAndGet(commandsRunning.incrementAndGet(), Math::max),
                commandsRunning::decrementAndGet));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsOpened.incrementAndGet();
            }
        });
    }

    MinaSshServer start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    SshHost host(String name) {
        return new SshHost(name, "127.0.0.1", server.getPort());
    }

    int port() {
        return server.getPort();
    }

    int sessionsOpened() {
        return sessionsOpened.get();
    }

    int mostCommandsAtOnce() {
        return mostCommandsAtOnce.get();
    }

    /** Closes every client session at once, as a restarted sshd or a dropped link would. */
    void dropSessions() {
        server.getActiveSessions().forEach(session -> session.close(true));
    }

    /** The line OpenSSH would write to known_hosts for this server. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
