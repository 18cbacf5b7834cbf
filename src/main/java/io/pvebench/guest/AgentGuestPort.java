package io.pvebench.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.RemoteShell;
import io.pvebench.ssh.ShellQuote;
import io.pvebench.ssh.SshHosts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link GuestPort} through the QEMU guest agent: {@code qm guest exec VMID --timeout S -- ARGV}
 * on the VM's node. The answer is qemu-server's pretty JSON ({@code exitcode},
 * {@code exited}, {@code out-data}, {@code err-data}; see reference/README.md); when the
 * guest command outlives {@code --timeout} qm prints only {@code {"pid": N}}.
 * Background commands: {@code qm guest exec VMID --synchronous 0 -- ARGV} answers
 * {@code {"pid": N}} at once (qemu-server's {@code --timeout 0} would instead wait until
 * the command exits), {@code qm guest exec-status VMID PID} answers {@code {"exited": 0}}
 * while it runs, then {@code exitcode} or {@code signal} with the output. Every word is
 * shell-quoted. Thread-safe when its shell is.
 */
public final class AgentGuestPort implements GuestPort {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** qemu-server's answer for a VM whose config is on another node ({@code PVE::QemuConfig->load_config}). */
    private static final java.util.regex.Pattern NOT_ON_NODE = java.util.regex.Pattern.compile(
            "Configuration file 'nodes/[^/]+/qemu-server/\\d+\\.conf' does not exist");
    /** Extra time for the agent round trip on top of the guest command's own budget. */
    private static final Duration AGENT_SLACK = Duration.ofSeconds(15);

    private final RemoteShell shell;
    private final SshHosts hosts;
    /** The argv of each process this port started and has not yet collected, by vmid and pid. */
    private final Map<String, List<String>> started = new ConcurrentHashMap<>();
    /** Where VMs that live-migrated away from the node they were known on run now, by vmid. */
    private final Map<Integer, String> moved = new ConcurrentHashMap<>();

    public AgentGuestPort(RemoteShell shell, SshHosts hosts) {
        this.shell = shell;
        this.hosts = hosts;
    }

    @Override
    public GuestResult exec(GuestVm vm, List<String> argv, Duration timeout) {
        long guestSeconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        List<String> words = new ArrayList<>(List.of("qm", "guest", "exec", String.valueOf(vm.vmid()),
                "--timeout", String.valueOf(guestSeconds), "--"));
        words.addAll(argv);
        CommandResult result = onVmNode(vm, ShellQuote.command(words), timeout.plus(AGENT_SLACK));
        if (!result.succeeded()) {
            throw new GuestAgentException("qm guest exec on " + vm + " failed (exit " + result.exitCode() + "): "
                    + firstLine(result.stderr()));
        }
        JsonNode answer = json(result.stdout(), vm);
        if (!answer.has("exited") && answer.has("pid")) {
            throw new GuestAgentException("'" + String.join(" ", argv) + "' in " + vm + " did not finish within "
                    + guestSeconds + " s (guest pid " + answer.get("pid").asText() + " still running)");
        }
        return new GuestResult(vm, argv, exitCode(answer), answer.path("out-data").asText(""),
                answer.path("err-data").asText(""), result.elapsed());
    }

    @Override
    public long start(GuestVm vm, List<String> argv) {
        List<String> words = new ArrayList<>(List.of("qm", "guest", "exec", String.valueOf(vm.vmid()),
                "--synchronous", "0", "--"));
        words.addAll(argv);
        CommandResult result = onVmNode(vm, ShellQuote.command(words), AGENT_SLACK);
        if (!result.succeeded()) {
            throw new GuestAgentException("cannot start '" + String.join(" ", argv) + "' in " + vm + " (exit "
                    + result.exitCode() + "): " + firstLine(result.stderr()));
        }
        JsonNode pid = json(result.stdout(), vm).path("pid");
        if (!pid.canConvertToLong()) {
            throw new GuestAgentException("the guest agent of " + vm + " returned no pid for '"
                    + String.join(" ", argv) + "': " + firstLine(result.stdout()));
        }
        started.put(key(vm, pid.asLong()), List.copyOf(argv));
        return pid.asLong();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The result's {@code argv} is what this port started under that pid (empty for a
     * process another port started); its {@code elapsed} is the exec-status round trip only.
     */
    @Override
    public Optional<GuestResult> poll(GuestVm vm, long pid) {
        CommandResult result = onVmNode(vm,
                ShellQuote.command("qm", "guest", "exec-status", String.valueOf(vm.vmid()), String.valueOf(pid)),
                AGENT_SLACK);
        if (!result.succeeded()) {
            throw new GuestAgentException("cannot read the status of guest pid " + pid + " in " + vm + " (exit "
                    + result.exitCode() + "): " + firstLine(result.stderr()));
        }
        JsonNode status = json(result.stdout(), vm);
        if (status.path("exited").asInt(0) == 0) {
            return Optional.empty();
        }
        List<String> argv = started.remove(key(vm, pid));
        int exitCode = exitCode(status);
        return Optional.of(new GuestResult(vm, argv == null ? List.of() : argv, exitCode,
                status.path("out-data").asText(""), status.path("err-data").asText(""), result.elapsed()));
    }

    /**
     * Runs a {@code qm} command on the node the VM runs on. A VM that live-migrated runs the
     * same guest, agent and processes on another node, where {@code qm} must now be run: when
     * qemu-server answers that the VM's config is not on the node, the VM is looked up in
     * {@code /cluster/resources} and the command runs again there, and later ones go there
     * directly.
     */
    private CommandResult onVmNode(GuestVm vm, String command, Duration limit) {
        String node = moved.getOrDefault(vm.vmid(), vm.node());
        CommandResult result = shell.run(hosts.get(node), command, limit);
        if (result.succeeded() || !NOT_ON_NODE.matcher(result.stderr()).find()) {
            return result;
        }
        Optional<String> now = locate(node, vm.vmid()).filter(n -> !n.equals(node));
        if (now.isEmpty()) {
            return result;
        }
        if (now.get().equals(vm.node())) {
            moved.remove(vm.vmid());
        } else {
            moved.put(vm.vmid(), now.get());
        }
        return shell.run(hosts.get(now.get()), command, limit);
    }

    private Optional<String> locate(String askedNode, int vmid) {
        CommandResult resources = shell.run(hosts.get(askedNode), ShellQuote.command("pvesh", "get",
                "/cluster/resources", "--type", "vm", "--output-format", "json"), AGENT_SLACK);
        if (!resources.succeeded()) {
            return Optional.empty();
        }
        try {
            for (JsonNode guest : JSON.readTree(resources.stdout())) {
                if (guest.path("vmid").asInt() == vmid && guest.hasNonNull("node")) {
                    return Optional.of(guest.get("node").asText());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String key(GuestVm vm, long pid) {
        return vm.vmid() + "/" + pid;
    }

    @Override
    public GuestNic nic(GuestVm vm) {
        CommandResult result = onVmNode(vm,
                ShellQuote.command("qm", "guest", "cmd", String.valueOf(vm.vmid()), "network-get-interfaces"),
                AGENT_SLACK);
        if (!result.succeeded()) {
            throw new GuestAgentException("cannot read the network interfaces of " + vm + " (exit "
                    + result.exitCode() + "): " + firstLine(result.stderr()));
        }
        for (JsonNode nic : json(result.stdout(), vm)) {
            for (JsonNode ip : nic.path("ip-addresses")) {
                String address = ip.path("ip-address").asText("");
                if ("ipv4".equals(ip.path("ip-address-type").asText()) && !address.startsWith("127.")) {
                    return new GuestNic(nic.path("name").asText(), address,
                            nic.path("hardware-address").asText("").toUpperCase(java.util.Locale.ROOT));
                }
            }
        }
        throw new GuestAgentException(vm + " reports no IPv4 address other than loopback");
    }

    /**
     * The guest process's exit code as a shell reports it: {@code exitcode}, or 128 plus
     * the signal when the agent reports {@code signal} (the process was killed); -1 when the
     * answer has neither.
     */
    private static int exitCode(JsonNode answer) {
        return answer.has("signal") ? 128 + answer.get("signal").asInt() : answer.path("exitcode").asInt(-1);
    }

    private static JsonNode json(String text, GuestVm vm) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new GuestAgentException("the guest agent of " + vm + " answered something that is not JSON: "
                    + firstLine(text));
        }
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int nl = stripped.indexOf('\n');
        return nl < 0 ? stripped : stripped.substring(0, nl);
    }
}
