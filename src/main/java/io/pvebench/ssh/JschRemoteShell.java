package io.pvebench.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RemoteShell} over SSH with JSch: one session per host, one exec channel per command.
 *
 * <p>Thread-safe. Sessions are keyed by {@link SshHost#name()}, opened on a host's first
 * command and shared by all later ones, so commands on one host run in parallel on
 * separate channels, at most {@value HostSession#MAX_CHANNELS_PER_SESSION} at once
 * (OpenSSH's default {@code MaxSessions}); further commands wait for a free channel, and
 * that wait counts against their timeout. A session found dead is replaced by the next command; commands
 * already running on it fail with {@link SshException} ("session lost"). Output is
 * buffered in memory and decoded as UTF-8. On timeout the server is asked to send the
 * command SIGTERM and the channel is closed; OpenSSH refuses signals for root logins, so
 * there the remote process lives on (wrap long commands in {@code timeout(1)} where that
 * matters). {@link #close()} disconnects every session; later calls fail.
 */
public final class JschRemoteShell implements RemoteShell {

    private static final Logger LOG = LoggerFactory.getLogger(JschRemoteShell.class);
    private static final long MAX_POLL_MILLIS = 20;
    // A lost session closes its channels before it reports itself disconnected
    private static final Duration SESSION_LOSS_GRACE = Duration.ofMillis(500);

    private final JschSessionOpener opener;
    private final Duration connectTimeout;
    private final ConcurrentMap<String, HostSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Fails with {@link SshException} if the private key cannot be loaded; contacts no host. */
    public JschRemoteShell(SshSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.opener = new JschSessionOpener(settings);
        this.connectTimeout = settings.connectTimeout();
    }

    @Override
    public CommandResult run(SshHost host, String command, Duration timeout) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (closed) {
            throw new IllegalStateException("JschRemoteShell is closed");
        }
        HostSession slot = sessions.computeIfAbsent(host.name(), name -> new HostSession(host, opener));
        slot.acquireChannel(host, command, timeout);
        try {
            return execute(slot, host, command, timeout);
        } finally {
            slot.releaseChannel();
        }
    }

    private CommandResult execute(HostSession slot, SshHost host, String command, Duration timeout) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        long start = System.nanoTime();
        ChannelExec channel = start(slot, host, command, stdout, stderr);
        try {
            if (!awaitClose(channel, timeout)) {
                terminate(channel);
                throw new CommandTimeoutException(host, command, timeout);
            }
            int exitCode = channel.getExitStatus();
            if (exitCode == -1 && sessionLost(channel)) {
                throw new SshException("SSH session to " + host + " was lost while running: " + command);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            LOG.debug("{} exited {} after {} ms: {}", host.name(), exitCode, elapsed.toMillis(), command);
            return new CommandResult(host.name(), command, exitCode, stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8), elapsed);
        } finally {
            channel.disconnect();
        }
    }

    /**
     * Opens an exec channel. A session that turns out to be disconnected is replaced once;
     * one that is still connected is kept, since other commands may be running on it.
     */
    private ChannelExec start(HostSession slot, SshHost host, String command, ByteArrayOutputStream stdout,
                              ByteArrayOutputStream stderr) {
        for (int attempt = 1; ; attempt++) {
            Session session = slot.session();
            ChannelExec channel = null;
            try {
                channel = (ChannelExec) session.openChannel("exec");
                channel.setCommand(command.getBytes(StandardCharsets.UTF_8));
                channel.setInputStream(null);
                // JSch's session thread writes straight into these: no pipes to drain, no deadlock
                channel.setOutputStream(stdout, true);
                channel.setErrStream(stderr, true);
                channel.connect((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
                sendEof(channel);
                return channel;
            } catch (JSchException e) {
                if (channel != null) {
                    channel.disconnect();
                }
                if (session.isConnected() || attempt == 2 || closed) {
                    throw new SshException("cannot start command on " + host + ": " + e.getMessage(), e);
                }
                slot.discard(session);
                LOG.debug("session to {} went down ({}); reconnecting", host, e.getMessage());
            }
        }
    }

    /** Commands get no input: EOF at once, so one that reads stdin ends instead of hanging. */
    private static void sendEof(ChannelExec channel) {
        try {
            channel.getOutputStream().close();
        } catch (IOException e) {
            LOG.trace("could not send EOF on channel {}", channel.getId(), e);
        }
    }

    private static boolean awaitClose(ChannelExec channel, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (!channel.isClosed()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
        return true;
    }

    /**
     * Asks the server to send SIGTERM to the command before its channel closes: closing
     * alone leaves a process without a terminal running. Best effort: OpenSSH signals
     * the command's process group for ordinary users but refuses for root logins
     * ("session signalling requires privilege separation").
     */
    private static void terminate(ChannelExec channel) {
        try {
            channel.sendSignal("TERM");
        } catch (Exception e) {
            LOG.debug("server did not accept a TERM signal for channel {}: {}", channel.getId(), e.getMessage());
        }
    }

    /** No exit status: either the command died by a signal (session fine) or the session went away. */
    private static boolean sessionLost(ChannelExec channel) {
        Session session;
        try {
            session = channel.getSession();
        } catch (JSchException e) {
            return true;
        }
        long deadline = System.nanoTime() + SESSION_LOSS_GRACE.toNanos();
        while (session.isConnected() && System.nanoTime() < deadline) {
            sleep(5);
        }
        return !session.isConnected();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while waiting for a remote command", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        sessions.values().forEach(HostSession::close);
        sessions.clear();
    }
}
