package io.pvebench.sim;

import io.pvebench.sim.command.NodeShell;
import io.pvebench.sim.command.Reply;
import io.pvebench.sim.fault.CommandFaults;
import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NodeInfo;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One SSH exec request on a simulated node: runs the command line on its own thread,
 * writes stdout and stderr, then reports the exit status. When the node fails, the
 * thread is interrupted and ends without an exit status, as a killed sshd would.
 */
final class SimExecCommand implements Command {

    private final String line;
    private final NodeInfo node;
    private final ClusterModel model;
    private final NodeShell shell;
    private final Set<Thread> running;
    private final CommandFaults faults;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Thread thread;

    SimExecCommand(String line, NodeInfo node, ClusterModel model, NodeShell shell, Set<Thread> running,
                   CommandFaults faults) {
        this.faults = faults;
        this.line = line;
        this.node = node;
        this.model = model;
        this.shell = shell;
        this.running = running;
    }

    @Override
    public void setInputStream(InputStream in) {
        // commands read no input
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        Thread t = new Thread(this::execute, "sim-" + node.name() + "-exec");
        t.setDaemon(true);
        thread = t;
        running.add(t);
        t.start();
    }

    private void execute() {
        try {
            model.clock().sleep(faults.delay());
            var failure = faults.failureFor(line);
            Reply reply = failure.isPresent()
                    ? new Reply("", failure.get().stderr(), failure.get().exitCode())
                    : shell.run(line, node, model);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            out.write(reply.stdout().getBytes(StandardCharsets.UTF_8));
            out.flush();
            err.write(reply.stderr().getBytes(StandardCharsets.UTF_8));
            err.flush();
            exit.onExit(reply.exitCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                exit.onExit(255, String.valueOf(e.getMessage()));
            }
        } finally {
            running.remove(Thread.currentThread());
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
