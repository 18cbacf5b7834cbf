package io.pvebench.guest;

import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.RemoteShell;
import io.pvebench.ssh.SshHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link RemoteShell}: replies are scripted per exact command line, every call is
 * recorded. An unscripted command fails the test with the command it got. Thread-safe.
 */
final class ScriptedShell implements RemoteShell {

    record Call(SshHost host, String command, Duration timeout) {
    }

    private record Reply(int exitCode, String stdout, String stderr) {
    }

    private final Map<String, Reply> replies = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();

    synchronized ScriptedShell reply(String command, int exitCode, String stdout, String stderr) {
        replies.put(command, new Reply(exitCode, stdout, stderr));
        return this;
    }

    @Override
    public synchronized CommandResult run(SshHost host, String command, Duration timeout) {
        calls.add(new Call(host, command, timeout));
        Reply reply = replies.get(command);
        if (reply == null) {
            throw new AssertionError("unscripted command: " + command + "\nscripted: " + replies.keySet());
        }
        return new CommandResult(host.name(), command, reply.exitCode(), reply.stdout(), reply.stderr(),
                Duration.ofMillis(40));
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
    }
}
