package io.pvebench.ssh;

import com.jcraft.jsch.Session;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooled JSch session of one host and its channel slots, for {@link JschRemoteShell}.
 *
 * <p>Thread-safe. The session is opened on first use and replaced when found
 * disconnected; opening it holds only this host's lock, so a slow host delays no other.
 * At most {@value #MAX_CHANNELS_PER_SESSION} channels are open at once.
 */
final class HostSession {

    // OpenSSH's default MaxSessions: further channels on one connection would be refused,
    // so further commands wait for a free slot instead of failing
    static final int MAX_CHANNELS_PER_SESSION = 10;

    private static final Logger LOG = LoggerFactory.getLogger(HostSession.class);

    private final SshHost host;
    private final JschSessionOpener opener;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS_PER_SESSION, true);
    private Session session;
    private boolean closed;

    HostSession(SshHost host, JschSessionOpener opener) {
        this.host = host;
        this.opener = opener;
    }

    /** Waits for a free channel slot; waiting longer than the command's timeout is a timeout. */
    void acquireChannel(SshHost target, String command, Duration timeout) {
        try {
            if (!channels.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new CommandTimeoutException(target, command, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while waiting for a channel to " + target, e);
        }
    }

    void releaseChannel() {
        channels.release();
    }

    /** The connected session, opened now if there is none or the last one went down. */
    synchronized Session session() {
        if (closed) {
            throw new IllegalStateException("JschRemoteShell is closed");
        }
        if (session == null || !session.isConnected()) {
            if (session != null) {
                LOG.info("SSH session to {} was lost; reconnecting", host);
            }
            session = opener.open(host);
            LOG.debug("SSH session to {} open", host);
        }
        return session;
    }

    synchronized void discard(Session broken) {
        broken.disconnect();
        if (session == broken) {
            session = null;
        }
    }

    synchronized void close() {
        closed = true;
        if (session != null) {
            session.disconnect();
            session = null;
        }
    }
}
