package io.pvebench.sim;

import java.io.IOException;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A session channel that ends a command the way OpenSSH's sshd does: the
 * {@code exit-status} request first, then EOF, then CLOSE. MINA SSHD's own order (EOF,
 * then exit status) lets a client that closes on EOF, such as an OpenSSH ControlMaster
 * under load, lose the exit status; a real node never shows that.
 */
final class ExitStatusFirstChannel extends ChannelSession {

    @Override
    protected void closeShell(int exitValue, boolean immediately) throws IOException {
        if (!isClosing()) {
            sendExitStatus(exitValue);
            if (out != null) {
                out.close();
            }
            sendEof();
            commandExitFuture.setClosed();
            close(immediately);
        } else {
            commandExitFuture.setClosed();
        }
    }
}
