package io.pvebench.sim;

import io.pvebench.sim.command.NodeShell;
import io.pvebench.sim.fault.CommandFaults;
import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NodeInfo;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One simulated Proxmox node: an Apache MINA SSHD server on 127.0.0.1 (ephemeral port)
 * with its own in-memory ed25519 host key, password and/or public-key login for one
 * user, and exec requests answered by {@link NodeShell} (after the node's
 * {@link CommandFaults}). A failed node can be restarted on the same port with the same
 * host key. Thread-safe.
 */
final class SimNode {

    private final NodeInfo info;
    private final ClusterModel model;
    private final NodeShell shell;
    private final String user;
    private final String password;
    private final List<PublicKey> keys;
    private final KeyPair hostKey;
    private final CommandFaults faults = new CommandFaults();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile SshServer server;
    private volatile boolean failed;
    private volatile int port;

    SimNode(NodeInfo info, ClusterModel model, NodeShell shell, String user, String password,
            List<PublicKey> keys) {
        this.info = info;
        this.model = model;
        this.shell = shell;
        this.user = user;
        this.password = password;
        this.keys = keys;
        this.hostKey = ed25519();
        this.server = newServer(0);
    }

    /** A server with the node's host key and logins, on {@code port} (0: ephemeral). */
    private SshServer newServer(int listenPort) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        // no Nagle: small closing packets would wait for delayed ACKs, 40 ms per command on loopback
        org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.setPort(listenPort);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        if (password != null) {
            server.setPasswordAuthenticator((u, p, s) -> user.equals(u) && password.equals(p));
        } else {
            server.setPasswordAuthenticator(null);
        }
        if (!keys.isEmpty()) {
            server.setPublickeyAuthenticator((u, key, s) -> user.equals(u)
                    && keys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        } else {
            server.setPublickeyAuthenticator(null);
        }
        server.setKeyboardInteractiveAuthenticator(null);
        // session channels end like OpenSSH's: exit status before EOF (see ExitStatusFirstChannel)
        server.setChannelFactories(java.util.List.of(new org.apache.sshd.server.channel.ChannelSessionFactory() {
            @Override
            public org.apache.sshd.common.channel.Channel createChannel(org.apache.sshd.common.session.Session s) {
                return new ExitStatusFirstChannel();
            }
        }));
        server.setCommandFactory((channel, command) -> new SimExecCommand(command, info, model, shell, running,
                faults));
        return server;
    }

    private static KeyPair ed25519() {
        try {
            KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ed25519 host key", e);
        }
    }

    void start() {
        try {
            server.start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start simulated node " + info.name(), e);
        }
    }

    /** Abrupt stop: sessions closed at once (no exit status), port closed, commands interrupted. */
    synchronized void fail() {
        failed = true;
        try {
            server.stop(true);
        } catch (IOException e) {
            // the node is gone either way
        }
        for (Thread t : running) {
            t.interrupt();
        }
    }

    boolean failed() {
        return failed;
    }

    /** The node is back (after a reboot): a fresh server on the same port and host key. */
    synchronized void restart() {
        if (!failed) {
            return;
        }
        SshServer fresh = newServer(port);
        try {
            fresh.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart simulated node " + info.name() + " on port " + port, e);
        }
        server = fresh;
        failed = false;
    }

    /** Closes every open session at once (commands interrupted, no exit status); new ones are accepted. */
    void dropSessions() {
        for (var session : server.getActiveSessions()) {
            session.close(true);
        }
        for (Thread t : running) {
            t.interrupt();
        }
    }

    CommandFaults faults() {
        return faults;
    }

    SimNodeEndpoint endpoint() {
        String key = PublicKeyEntry.toString(hostKey.getPublic());
        return new SimNodeEndpoint(info.name(), "127.0.0.1", port(), "[127.0.0.1]:" + port() + " " + key);
    }

    int port() {
        return port;
    }

    String name() {
        return info.name();
    }

    void close() {
        if (!failed) {
            fail();
        }
    }
}
