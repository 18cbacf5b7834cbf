package io.pvebench.ssh;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JSch's log to SLF4J logger {@code io.pvebench.ssh.jsch}, one level down.
 *
 * <p>JSch logs every connect and algorithm choice at INFO and failures we turn into
 * exceptions at WARN/ERROR; at pvebench's INFO they would only be noise, so JSch INFO,
 * WARN and ERROR go to DEBUG and JSch DEBUG goes to TRACE. JSch never logs passwords or
 * passphrases (the secret tests hold that at TRACE). Thread-safe, stateless.
 */
final class JschSlf4jLogger implements com.jcraft.jsch.Logger {

    private static final Logger LOG = LoggerFactory.getLogger("io.pvebench.ssh.jsch");

    @Override
    public boolean isEnabled(int level) {
        return level == DEBUG ? LOG.isTraceEnabled() : LOG.isDebugEnabled();
    }

    @Override
    public void log(int level, String message) {
        log(level, message, null);
    }

    @Override
    public void log(int level, String message, Throwable cause) {
        if (level == DEBUG) {
            LOG.trace(message, cause);
        } else {
            LOG.debug(message, cause);
        }
    }
}
