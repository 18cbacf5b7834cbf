package io.pvebench.sim;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A JSch client for the tests: one session per call, strict host key checking. */
final class SshClient {

    /** What one exec returned; {@code exitStatus} is -1 when the channel closed without one. */
    record Result(String stdout, String stderr, int exitStatus) {
    }

    private final SimCluster cluster;

    SshClient(SimCluster cluster) {
        this.cluster = cluster;
    }

    Result run(String node, String command) throws Exception {
        Session session = open(node);
        try {
            return exec(session, command);
        } finally {
            session.disconnect();
        }
    }

    Session open(String node) throws JSchException {
        SimNodeEndpoint endpoint = cluster.node(node);
        JSch jsch = new JSch();
        jsch.setKnownHosts(new ByteArrayInputStream(cluster.knownHosts().getBytes(StandardCharsets.UTF_8)));
        Session session = jsch.getSession("root", endpoint.host(), endpoint.port());
        session.setPassword("sim");
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "password");
        session.connect(10_000);
        return session;
    }

    static Result exec(Session session, String command) throws Exception {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand(command);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        channel.setErrStream(err);
        InputStream in = channel.getInputStream();
        channel.connect(10_000);
        byte[] all = in.readAllBytes();
        while (!channel.isClosed()) {
            Thread.sleep(5);
        }
        int status = channel.getExitStatus();
        channel.disconnect();
        return new Result(new String(all, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
    }
}
