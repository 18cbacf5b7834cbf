package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.LoadModel;
import io.pvebench.sim.model.VmInfo;
import io.pvebench.sim.model.VmStats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code qm list}, {@code qm status VMID [--verbose]}, {@code qm guest exec VMID
 * [--timeout N] [--] CMD...} and {@code qm guest cmd VMID network-get-interfaces|ping|
 * get-host-name}, after qemu-server 9.2.6 {@code src/PVE/CLI/qm.pm}: the list's
 * {@code %10s %-20s %-10s %-10s %12.2f %-10s} columns, {@code status: running}, guest
 * results as pretty canonical JSON with booleans turned into 1/0
 * ({@code QemuServer/Agent.pm}), {@code timeout reached, returning pid} after
 * {@code --timeout} seconds (default 30, 0 = wait forever: qm polls until the command
 * exits); {@code qm guest exec VMID --synchronous 0 -- CMD...} returns {@code {"pid": N}}
 * at once, and a command started that way or left running after {@code --timeout} runs on
 * in model time until {@code qm guest exec-status VMID PID} collects it (see
 * {@link GuestProcesses}). Guest commands need the agent: {@code No QEMU guest agent
 * configured}, {@code VM <vmid> is not running}, then {@code QEMU guest agent is not
 * running} while a VM the twin started is still booting ({@code QemuServer/Agent.pm}
 * {@code assert_agent_available}). The lifecycle commands are {@link QmLifecycle}'s,
 * {@code migrate} is {@link QmMigrate}'s. A VM whose config is not on
 * this node dies with {@code Configuration file 'nodes/<node>/qemu-server/<vmid>.conf'
 * does not exist}, exit 255, like every Perl CLI error.
 */
final class Qm implements Program {

    private final GuestShell guest;
    private final QmLifecycle lifecycle = new QmLifecycle();
    private final QmMigrate migration = new QmMigrate();

    Qm(GuestShell guest) {
        this.guest = guest;
    }

    @Override
    public Reply run(Invocation inv) throws InterruptedException {
        List<String> args = inv.args();
        if (args.isEmpty()) {
            return usage("no command specified");
        }
        try {
            return switch (args.get(0)) {
                case "list" -> list(inv);
                case "status" -> status(inv);
                case "guest" -> guestCommand(inv);
                case "start" -> lifecycle.start(inv);
                case "stop" -> lifecycle.stop(inv);
                case "shutdown" -> lifecycle.shutdown(inv);
                case "destroy" -> lifecycle.destroy(inv);
                case "clone" -> lifecycle.clone(inv);
                case "template" -> lifecycle.template(inv);
                case "set" -> lifecycle.set(inv);
                case "config" -> lifecycle.config(inv);
                case "migrate" -> migration.migrate(inv);
                default -> usage("unknown command 'qm " + args.get(0) + "'");
            };
        } catch (CommandFailure e) {
            return Reply.error(e.getMessage() + "\n", 255);
        }
    }

    private static Reply usage(String message) {
        return Reply.error("ERROR: " + message + "\nUSAGE: qm <COMMAND> [ARGS] [OPTIONS]\n", 255);
    }

    private Reply list(Invocation inv) {
        List<VmInfo> vms = inv.model().vmsOn(inv.node().name());
        if (vms.isEmpty()) {
            return Reply.ok("");
        }
        StringBuilder out = new StringBuilder(String.format("%10s %-20s %-10s %-10s %12s %-10s%n",
                "VMID", "NAME", "STATUS", "MEM(MB)", "BOOTDISK(GB)", "PID"));
        for (VmInfo vm : vms) {
            boolean running = inv.model().running(vm.vmid());
            out.append(String.format("%10s %-20s %-10s %-10s %12.2f %-10s%n", vm.vmid(), vm.name(),
                    running ? "running" : "stopped", perlNumber(vm.memoryBytes() / (1024.0 * 1024)),
                    vm.diskBytes() / (1024.0 * 1024 * 1024), running ? vm.pid() : 0));
        }
        return Reply.ok(out.toString().replace(System.lineSeparator(), "\n"));
    }

    private static String perlNumber(double value) {
        return CNumbers.perl(value);
    }

    private Optional<VmInfo> localVm(Invocation inv, String vmidText) {
        if (!vmidText.matches("[1-9][0-9]{2,8}")) {
            return Optional.empty();
        }
        int vmid = Integer.parseInt(vmidText);
        return inv.model().vm(vmid).filter(vm -> inv.node().name().equals(inv.model().nodeOf(vmid)));
    }

    private static Reply noConfig(Invocation inv, String vmid) {
        return Reply.error("Configuration file 'nodes/" + inv.node().name() + "/qemu-server/" + vmid
                + ".conf' does not exist\n", 255);
    }

    private Reply status(Invocation inv) {
        List<String> args = inv.args();
        if (args.size() < 2) {
            return usage("not enough arguments");
        }
        Optional<VmInfo> vm = localVm(inv, args.get(1));
        if (vm.isEmpty()) {
            return noConfig(inv, args.get(1));
        }
        boolean verbose = args.subList(2, args.size()).stream().anyMatch(a -> a.matches("--?verbose(=1)?"));
        if (!inv.model().running(vm.get().vmid())) {
            return Reply.ok(verbose ? stoppedStatus(vm.get(), inv.model()) : "status: stopped\n");
        }
        if (!verbose) {
            return Reply.ok("status: running\n");
        }
        return Reply.ok(verboseStatus(inv.model(), vm.get()));
    }

    /** {@code print_recursive_hash} of vmstatus: sorted keys, {@code cpu} left out. */
    private static String verboseStatus(ClusterModel model, VmInfo vm) {
        VmStats s = model.vmStats(vm.vmid());
        JsonObject d = new JsonObject().put("balloon", vm.memoryBytes()).put("cpus", vm.cores())
                .put("disk", 0).put("diskread", s.diskread()).put("diskwrite", s.diskwrite())
                .put("freemem", vm.memoryBytes() - s.mem()).put("maxdisk", vm.diskBytes())
                .put("maxmem", vm.memoryBytes()).put("mem", s.mem()).put("name", vm.name())
                .put("netin", s.netin()).put("netout", s.netout()).put("pid", vm.pid()).put("qmpstatus", "running")
                .put("running-machine", model.profile().memhost() ? "pc-i440fx-11.0+pve0" : "pc-i440fx-9.2+pve1")
                .put("running-qemu", model.profile().memhost() ? "11.0.0" : "9.2.0").put("status", "running")
                .put("uptime", s.uptime()).put("vmid", vm.vmid());
        if (model.profile().memhost()) {
            // cgroup PSI of the VM: its threads wait for CPU when the node is oversubscribed, for I/O
            // when the storage queues up
            LoadModel.NodeLoad n = model.nodeLoad(model.nodeOf(vm.vmid()));
            double cpuSome = Math.round(100 * (1 - n.share()) * 100) / 100.0;
            double ioSome = Math.round(Math.min(100, 50 * Math.max(0, n.storageUtilization() - 0.3)) * 100) / 100.0;
            d.put("memhost", s.memhost()).put("pressurecpufull", Math.round(cpuSome * 80) / 100.0)
                    .put("pressurecpusome", cpuSome).put("pressureiofull", Math.round(ioSome * 70) / 100.0)
                    .put("pressureiosome", ioSome).put("pressurememoryfull", 0).put("pressurememorysome", 0);
        }
        List<String> lines = new ArrayList<>();
        for (var e : d.members()) {
            Object v = e.getValue();
            lines.add(e.getKey() + ": " + (v instanceof Double x ? CNumbers.perl(x) : v));
        }
        lines.sort(String::compareTo);
        return String.join("\n", lines) + "\n";
    }

    /** {@code qm status --verbose} of a stopped VM: {@code vmstatus} without the running-only keys. */
    private static String stoppedStatus(VmInfo vm, ClusterModel model) {
        JsonObject d = new JsonObject().put("cpus", vm.cores()).put("disk", 0).put("maxdisk", vm.diskBytes())
                .put("maxmem", vm.memoryBytes()).put("mem", 0).put("name", vm.name()).put("netin", 0)
                .put("netout", 0).put("qmpstatus", "stopped").put("status", "stopped").put("uptime", 0)
                .put("vmid", vm.vmid());
        if (model.profile().memhost()) {
            d.put("memhost", 0);
        }
        List<String> lines = new ArrayList<>();
        for (var e : d.members()) {
            lines.add(e.getKey() + ": " + e.getValue());
        }
        lines.sort(String::compareTo);
        return String.join("\n", lines) + "\n";
    }

    private Reply guestCommand(Invocation inv) throws InterruptedException {
        List<String> args = inv.args();
        if (args.size() < 3) {
            return usage("not enough arguments");
        }
        String sub = args.get(1);
        String vmid = args.get(2);
        if (!sub.equals("exec") && !sub.equals("cmd") && !sub.equals("exec-status")) {
            return usage("unknown command 'qm guest " + sub + "'");
        }
        Optional<VmInfo> vm = localVm(inv, vmid);
        if (vm.isEmpty()) {
            return noConfig(inv, vmid);
        }
        // QemuServer/Agent.pm assert_agent_available, in its order
        if (inv.model().config(vm.get().vmid()).flatMap(c -> c.get("agent")).isEmpty()) {
            return Reply.error("No QEMU guest agent configured\n", 255);
        }
        if (!inv.model().running(vm.get().vmid())) {
            return Reply.error("VM " + vmid + " is not running\n", 255);
        }
        if (!inv.model().agentRunning(vm.get().vmid())) {
            return Reply.error("QEMU guest agent is not running\n", 255);
        }
        List<String> rest = args.subList(3, args.size());
        return switch (sub) {
            case "exec" -> exec(inv, vm.get(), rest);
            case "exec-status" -> execStatus(inv, vm.get(), rest);
            default -> agentCommand(vm.get(), rest);
        };
    }

    private Reply exec(Invocation inv, VmInfo vm, List<String> rest) throws InterruptedException {
        Long timeoutOption = null;
        boolean sync = true;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (!command.isEmpty()) {
                command.add(a);
            } else if (a.equals("--")) {
                command.addAll(rest.subList(i + 1, rest.size()));
                break;
            } else if (a.equals("--timeout") || a.equals("-timeout") || a.startsWith("--timeout=")) {
                String v = a.startsWith("--timeout=") ? a.substring("--timeout=".length())
                        : i + 1 < rest.size() ? rest.get(++i) : "";
                if (!v.matches("[0-9]+")) {
                    return Reply.error("400 Parameter verification failed.\ntimeout: type check ('integer') failed\n",
                            255);
                }
                timeoutOption = Long.parseLong(v);
            } else if (a.equals("--synchronous") || a.equals("-synchronous") || a.startsWith("--synchronous=")) {
                String v = a.startsWith("--synchronous=") ? a.substring("--synchronous=".length())
                        : i + 1 < rest.size() ? rest.get(++i) : "";
                Boolean b = perlBoolean(v);
                if (b == null) {
                    return Reply.error("400 Parameter verification failed.\nsynchronous: type check ('boolean') failed"
                            + " - got '" + v + "'\n", 255);
                }
                sync = b;
            } else if (a.equals("--pass-stdin")) {
                i++;
            } else {
                command.add(a);
            }
        }
        if (timeoutOption != null && !sync) {
            return Reply.error("400 Parameter verification failed.\nsynchronous: needs to be set for 'timeout'\n",
                    255);
        }
        if (command.isEmpty()) {
            return Reply.error("command or input-data (or both) required\n", 255);
        }
        long timeout = timeoutOption == null ? 30 : timeoutOption;
        ClusterModel model = inv.model();
        Instant started = model.clock().now();
        GuestRun run = guest.run(vm, command, model);
        if (run.spawnError() != null) {
            return Reply.error("Agent error: " + run.spawnError() + "\n", 255);
        }
        if (!sync) {
            // qemu-server returns guest-exec's answer as it is: the pid, nobody waits
            long pid = guest.processes().nextPid(vm, model);
            guest.processes().add(vm, pid, GuestShell.toolOf(command), run, started, model);
            return Reply.ok(PerlJson.pretty(new JsonObject().put("pid", pid)));
        }
        // timeout 0: qm polls exec-status until the command exits, however long that is
        Duration limit = timeout == 0 ? null : Duration.ofSeconds(timeout);
        if (run.duration() == null || (limit != null && run.duration().compareTo(limit) > 0)) {
            // the command outlives the wait: it runs on in the guest, collectable by exec-status
            long pid = guest.processes().nextPid(vm, model);
            guest.processes().add(vm, pid, GuestShell.toolOf(command), run, started, model);
            model.clock().sleep(limit == null ? Duration.ofDays(365) : limit);
            return new Reply(PerlJson.pretty(new JsonObject().put("pid", pid)), "timeout reached, returning pid\n", 0);
        }
        try {
            model.clock().sleep(run.duration());
        } finally {
            run.onEnd().run();
        }
        JsonObject result = new JsonObject().put("exitcode", run.reply().exitCode()).put("exited", 1);
        if (!run.reply().stdout().isEmpty()) {
            result.put("out-data", run.reply().stdout());
        }
        if (!run.reply().stderr().isEmpty()) {
            result.put("err-data", run.reply().stderr());
        }
        return Reply.ok(PerlJson.pretty(result));
    }

    /** Perl's boolean parameter values (JSONSchema {@code boolean} in PVE); null when invalid. */
    private static Boolean perlBoolean(String v) {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "on", "yes", "true" -> true;
            case "0", "off", "no", "false" -> false;
            default -> null;
        };
    }

    /**
     * {@code qm guest exec-status VMID PID}: the agent's {@code guest-exec-status}, pretty
     * JSON; a pid the agent does not know (never started, or already reported as exited)
     * is QEMU 7.2's {@code Invalid parameter 'pid'}.
     */
    private Reply execStatus(Invocation inv, VmInfo vm, List<String> rest) {
        if (rest.isEmpty()) {
            return usage("not enough arguments");
        }
        String pid = rest.get(0);
        if (!pid.matches("[+-]?[0-9]+")) {
            return Reply.error("400 Parameter verification failed.\npid: type check ('integer') failed - got '"
                    + pid + "'\n", 255);
        }
        return guest.processes().status(vm, Long.parseLong(pid), inv.model())
                .map(s -> Reply.ok(PerlJson.pretty(s)))
                .orElseGet(() -> Reply.error("Agent error: Invalid parameter 'pid'\n", 255));
    }

    private Reply agentCommand(VmInfo vm, List<String> rest) {
        String command = rest.isEmpty() ? "" : rest.get(0);
        return switch (command) {
            case "network-get-interfaces" -> Reply.ok(PerlJson.pretty(interfaces(vm)));
            case "ping" -> Reply.ok("");
            case "get-host-name" -> Reply.ok(PerlJson.pretty(new JsonObject().put("host-name", vm.name())));
            default -> Reply.error("400 Parameter verification failed.\ncommand: value '" + command
                    + "' does not have a value in the enumeration\n", 255);
        };
    }

    /** QEMU guest agent {@code guest-network-get-interfaces}: {@code lo} and {@code eth0}. */
    private static List<Object> interfaces(VmInfo vm) {
        JsonObject lo = new JsonObject().put("name", "lo").put("hardware-address", "00:00:00:00:00:00")
                .put("ip-addresses", List.of(
                        new JsonObject().put("ip-address-type", "ipv4").put("ip-address", "127.0.0.1").put("prefix", 8),
                        new JsonObject().put("ip-address-type", "ipv6").put("ip-address", "::1").put("prefix", 128)))
                .put("statistics", stats(0, 0));
        JsonObject eth0 = new JsonObject().put("name", "eth0").put("hardware-address", vm.mac().toLowerCase())
                .put("ip-addresses", List.of(
                        new JsonObject().put("ip-address-type", "ipv4").put("ip-address", vm.ip())
                                .put("prefix", vm.prefix()),
                        new JsonObject().put("ip-address-type", "ipv6").put("ip-address", linkLocal(vm.mac()))
                                .put("prefix", 64)))
                .put("statistics", stats(1, vm.vmid()));
        return List.of(lo, eth0);
    }

    private static JsonObject stats(int scale, int seed) {
        long rx = scale * (1_200_000L + seed * 37L);
        long tx = scale * (640_000L + seed * 11L);
        return new JsonObject().put("rx-bytes", rx).put("rx-dropped", 0).put("rx-errs", 0)
                .put("rx-packets", rx / 700).put("tx-bytes", tx).put("tx-dropped", 0).put("tx-errs", 0)
                .put("tx-packets", tx / 500);
    }

    /** The EUI-64 link-local address a guest derives from its MAC. */
    private static String linkLocal(String mac) {
        String[] b = mac.toLowerCase().split(":");
        int first = Integer.parseInt(b[0], 16) ^ 0x02;
        return String.format("fe80::%x:%sff:fe%s:%s", (first << 8) | Integer.parseInt(b[1], 16), b[2], b[3],
                b[4] + b[5]).replaceAll(":0+([0-9a-f])", ":$1");
    }
}
