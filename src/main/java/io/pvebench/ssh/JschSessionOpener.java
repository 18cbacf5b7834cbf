package io.pvebench.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * Opens authenticated JSch sessions for {@link JschRemoteShell} and turns JSch's terse
 * failures into {@link SshException}s that say what to do.
 *
 * <p>Thread-safe: JSch allows concurrent {@code getSession}/{@code connect} on one
 * {@link JSch}. Messages never contain a secret: they are built from the host, the user,
 * the key file and JSch's own messages, which never carry one.
 */
final class JschSessionOpener {

    // OpenSSH's modern defaults; no ssh-rsa (SHA-1) and no DSA
    private static final String ALGORITHMS = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
            + "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";
    private static final int SERVER_ALIVE_COUNT_MAX = 3;

    private final SshSettings settings;
    private final JSch jsch = new JSch();
    private final KnownHostsFile knownHosts;

    /** Loads the private key now, so a wrong path or passphrase fails before any host is contacted. */
    JschSessionOpener(SshSettings settings) {
        this.settings = settings;
        jsch.setInstanceLogger(new JschSlf4jLogger());
        knownHosts = new KnownHostsFile(settings.knownHosts(), settings.hostKeyPolicy(), jsch);
        jsch.setHostKeyRepository(knownHosts);
        if (settings.credential() instanceof Credential.PrivateKey key) {
            addIdentity(key);
        }
    }

    private void addIdentity(Credential.PrivateKey key) {
        Path file = key.keyFile().toAbsolutePath();
        byte[] passphrase = key.passphrase().map(Secret::utf8ForJsch).orElse(null);
        try {
            // JSch would only find out at login, and then skip the key silently
            if (passphrase == null && KeyPair.load(jsch, file.toString()).isEncrypted()) {
                throw new SshException("private key " + file + " is encrypted; give its passphrase");
            }
            jsch.addIdentity(file.toString(), passphrase);
        } catch (JSchException e) {
            throw new SshException("cannot load private key " + file
                    + (passphrase != null ? " with the given passphrase" : "") + ": " + e.getMessage(), e);
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, (byte) 0);
            }
        }
    }

    Session open(SshHost host) {
        Session session;
        try {
            session = jsch.getSession(settings.user(), host.address(), host.port());
        } catch (JSchException e) {
            throw new SshException("cannot create SSH session for " + host + ": " + e.getMessage(), e);
        }
        session.setConfig(config());
        session.setDaemonThread(true);
        if (settings.credential() instanceof Credential.Password password) {
            byte[] bytes = password.password().utf8ForJsch();
            session.setPassword(bytes); // JSch keeps a copy until login, then wipes it
            Arrays.fill(bytes, (byte) 0);
        }
        try {
            session.setServerAliveInterval(millis(settings.serverAliveInterval().toMillis()));
            session.setServerAliveCountMax(SERVER_ALIVE_COUNT_MAX);
            session.connect(millis(settings.connectTimeout().toMillis()));
            return session;
        } catch (JSchException e) {
            session.disconnect();
            throw translate(host, session, e);
        }
    }

    private Properties config() {
        Properties config = new Properties();
        // KnownHostsFile applies the policy; JSch must only ask it and never prompt
        config.put("StrictHostKeyChecking", "yes");
        config.put("server_host_key", ALGORITHMS);
        config.put("PubkeyAcceptedAlgorithms", ALGORITHMS);
        config.put("PreferredAuthentications",
                settings.credential() instanceof Credential.Password ? "password" : "publickey");
        return config;
    }

    private SshException translate(SshHost host, Session session, JSchException e) {
        String file = knownHosts.file().toString();
        String entry = host.port() == 22 ? host.address() : "[" + host.address() + "]:" + host.port();
        if (e instanceof JSchUnknownHostKeyException) {
            return new HostKeyException("unknown host key for " + host + " (" + describe(session.getHostKey())
                    + "): " + entry + " is not in " + file + ". After checking the key, add it with `ssh-keyscan -p "
                    + host.port() + " " + host.address() + " >> " + file + "`, or trust new hosts on first use"
                    + " with `hostKeys: accept-new`", e);
        }
        if (e instanceof JSchChangedHostKeyException) {
            return new HostKeyException("HOST KEY CHANGED for " + host + ": it presented "
                    + describe(session.getHostKey()) + ", which differs from the key for " + entry + " in " + file
                    + ". This may be a man-in-the-middle attack; no policy accepts a changed key. If the host was"
                    + " reinstalled, remove the old key with `ssh-keygen -R '" + entry + "' -f " + file
                    + "` and add the new one", e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return new SshException("authentication failed for user " + settings.user() + " on " + host
                    + " with " + describeCredential() + ": " + message, e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new SshException("cannot connect to " + host + ": " + cause.getMessage(), e);
        }
        if (cause instanceof UnknownHostException) {
            return new SshException("cannot resolve address of " + host, e);
        }
        if (message.contains("timeout") || message.contains("timed out")) {
            return new SshException("no SSH login to " + host + " within " + settings.connectTimeout().toMillis()
                    + " ms: " + message, e);
        }
        return new SshException("cannot open SSH session to " + host + ": " + message, e);
    }

    private String describe(HostKey key) {
        return key == null ? "key not received" : key.getType() + " key " + key.getFingerPrint(jsch);
    }

    private String describeCredential() {
        if (settings.credential() instanceof Credential.PrivateKey key) {
            return "private key " + key.keyFile().toAbsolutePath();
        }
        return "password";
    }

    private static int millis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }
}
