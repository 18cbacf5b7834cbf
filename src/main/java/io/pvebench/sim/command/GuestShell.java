package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.util.List;

/**
 * The programs a guest (Debian 12) runs for {@code qm guest exec}: {@code ping}
 * (iputils 20221126), {@code iperf3} (3.12), {@code sh -c}/{@code bash -c} with one
 * simple command, {@code hostname}, {@code true}, {@code echo}, {@code pkill}/{@code
 * killall iperf3|stress-ng|fio}, {@code kill PID} (of a process the agent started), {@code stress-ng}
 * (0.15), {@code fio} (3.33), {@code fping} (5.1), {@code ip link} ({@link GuestIp}), the
 * application probe's {@code python3 -m http.server} ({@link Python3}) and {@code curl}
 * ({@link Curl}) and a few
 * basics ({@code cat}, {@code nproc}, {@code uptime}, {@code free}, {@code uname}). Thread-safe.
 */
final class GuestShell {

    private final Ping ping = new Ping();
    private final Iperf3 iperf3 = new Iperf3();
    private final StressNg stressNg = new StressNg();
    private final Fio fio = new Fio();
    private final Fping fping = new Fping();
    private final GuestBasics basics = new GuestBasics();
    private final GuestIp ip = new GuestIp();
    private final GuestProcesses processes = new GuestProcesses();
    private final Python3 python3 = new Python3();
    private final Curl curl = new Curl();

    /** The agent's processes that run on without a caller waiting (see {@link GuestProcesses}). */
    GuestProcesses processes() {
        return processes;
    }

    /** The program {@code argv} ends up running: past {@code nohup}, {@code setsid} and {@code sh -c}. */
    static String toolOf(List<String> argv) {
        if (argv.isEmpty()) {
            return "";
        }
        String name = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        List<String> args = argv.subList(1, argv.size());
        if ((name.equals("nohup") || name.equals("setsid")) && !args.isEmpty()) {
            return toolOf(args);
        }
        if ((name.equals("sh") || name.equals("bash")) && args.size() >= 2 && args.get(0).equals("-c")) {
            try {
                return toolOf(ShellWords.split(args.get(1)));
            } catch (IllegalArgumentException e) {
                return name;
            }
        }
        return name;
    }

    GuestRun run(VmInfo vm, List<String> argv, ClusterModel model) {
        String program = argv.get(0);
        String name = program.substring(program.lastIndexOf('/') + 1);
        List<String> args = argv.subList(1, argv.size());
        return switch (name) {
            case "ping" -> ping.run(vm, args, model);
            case "iperf3" -> iperf3.run(vm, args, model);
            case "stress-ng" -> stressNg.run(vm, args, model);
            case "fio" -> fio.run(vm, args, model);
            case "fping" -> fping.run(vm, args, model);
            case "cat" -> basics.cat(vm, args, model);
            case "nproc" -> basics.nproc(vm);
            case "uptime" -> basics.uptime(vm, model);
            case "free" -> basics.free(vm, args, model);
            case "uname" -> basics.uname(vm, args);
            case "ip" -> ip.run(vm, args, model);
            case "python3" -> python3.run(vm, args, model);
            case "curl" -> curl.run(vm, args, model);
            case "sh", "bash" -> shell(vm, args, model);
            // without a terminal nohup and setsid print nothing and just run the program
            case "nohup", "setsid" -> args.isEmpty() ? GuestRun.done(Reply.error(name
                    + ": missing operand\nTry '" + name + " --help' for more information.\n", 125), Duration.ZERO)
                    : run(vm, args, model);
            case "hostname" -> GuestRun.done(Reply.ok(vm.name() + "\n"), Duration.ZERO);
            case "true" -> GuestRun.done(Reply.ok(""), Duration.ZERO);
            case "echo" -> GuestRun.done(Reply.ok(String.join(" ", args) + "\n"), Duration.ZERO);
            case "pkill", "killall" -> kill(vm, args, model);
            case "kill" -> killPids(vm, args, model);
            default -> GuestRun.notFound(program);
        };
    }

    private GuestRun shell(VmInfo vm, List<String> args, ClusterModel model) {
        if (args.size() < 2 || !args.get(0).equals("-c")) {
            return GuestRun.done(Reply.ok(""), Duration.ZERO);
        }
        List<String> words;
        try {
            words = ShellWords.split(args.get(1));
        } catch (IllegalArgumentException e) {
            return GuestRun.done(Reply.error("sh: 1: " + e.getMessage() + "\n", 2), Duration.ZERO);
        }
        if (words.isEmpty()) {
            return GuestRun.done(Reply.ok(""), Duration.ZERO);
        }
        GuestRun inner = run(vm, words, model);
        if (inner.spawnError() != null) {
            return GuestRun.done(Reply.error("sh: 1: " + words.get(0) + ": not found\n", 127), Duration.ZERO);
        }
        return inner;
    }

    /**
     * {@code pkill [-x] iperf3} stops every iperf3 server of the guest; {@code pkill -F
     * PIDFILE} the one that wrote it. Exit 0 when something was stopped, 1 otherwise; a
     * pid file that does not exist (iperf3 removes it when it exits) is procps' "pidfile
     * not valid", also exit 1. The agent's background processes of the named tools end
     * too (see {@link GuestProcesses#kill}).
     */
    /**
     * procps-ng 4.0.2 {@code kill [-TERM|-15|-s TERM] PID...} (what the agent runs: not bash's
     * builtin): SIGTERM to each pid the agent started; {@code kill: (PID): No such process}
     * and exit 1 for one that is not running.
     */
    private GuestRun killPids(VmInfo vm, List<String> args, ClusterModel model) {
        StringBuilder err = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-TERM") || a.equals("-15") || a.equals("-SIGTERM")) {
                continue;
            }
            if (a.equals("-s") && i + 1 < args.size() && List.of("TERM", "15", "SIGTERM").contains(args.get(i + 1))) {
                i++;
                continue;
            }
            if (!a.matches("[0-9]+")) {
                return GuestRun.done(Reply.error("kill: failed to parse argument: '" + a + "'\n", 1), Duration.ZERO);
            }
            any = true;
            if (!processes.kill(vm.vmid(), Long.parseLong(a), model.clock().now())) {
                err.append("kill: (").append(a).append("): No such process\n");
            }
        }
        if (!any) {
            return GuestRun.done(Reply.error("\nUsage:\n kill [options] <pid> [...]\n", 1), Duration.ZERO);
        }
        return GuestRun.done(new Reply("", err.toString(), err.length() == 0 ? 0 : 1), Duration.ZERO);
    }

    private GuestRun kill(VmInfo vm, List<String> args, ClusterModel model) {
        int pidFlag = args.indexOf("-F");
        if (pidFlag >= 0 && pidFlag + 1 < args.size()) {
            if (model.stopListener(vm.vmid(), args.get(pidFlag + 1))) {
                return GuestRun.done(Reply.ok(""), Duration.ZERO);
            }
            return GuestRun.done(Reply.error("pkill: pidfile not valid\nTry `pkill --help' for more information.\n",
                    1), Duration.ZERO);
        }
        boolean iperf = args.stream().anyMatch(a -> a.equals("iperf3") || a.startsWith("iperf3 "));
        int stopped = iperf ? model.stopListeners(vm.vmid()) : 0;
        if (iperf) {
            processes.kill(vm.vmid(), "iperf3", model.clock().now());
        }
        for (String tool : List.of("stress-ng", "fio")) {
            if (args.stream().anyMatch(a -> a.equals(tool) || a.startsWith(tool + " "))) {
                stopped += model.stopLoad(vm.vmid(), tool);
                processes.kill(vm.vmid(), tool, model.clock().now());
            }
        }
        return GuestRun.done(new Reply("", "", stopped > 0 ? 0 : 1), Duration.ZERO);
    }
}
