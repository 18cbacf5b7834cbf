package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.HttpListener;
import io.pvebench.sim.model.VmInfo;

import java.time.Duration;
import java.util.List;

/**
 * {@code python3} (3.11, Debian 12) as far as the application probe uses it: {@code
 * python3 -m http.server [PORT] [-b|--bind ADDRESS] [-d|--directory DIR]} listens until
 * killed and answers every request (see {@link Curl}). Its stdout ({@code Serving HTTP
 * on ...}) is block-buffered into a pipe and lost when SIGTERM ends it, so a killed server
 * reports none. The twin does not write the server's per-request log lines to stderr.
 * Anything else gets python's own error: {@code No module named X} for another module,
 * {@code can't open file} for a script, {@code unknown option} for other options, and
 * argparse's usage errors for the server's arguments.
 */
final class Python3 {

    private static final String EXE = "/usr/bin/python3";
    private static final String SERVER_USAGE =
            "usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\n";

    GuestRun run(VmInfo vm, List<String> args, ClusterModel model) {
        if (args.isEmpty()) {
            return GuestRun.done(Reply.ok(""), Duration.ZERO); // reads a script from an empty stdin
        }
        String first = args.get(0);
        if (first.equals("--version") || first.equals("-V")) {
            // Debian 12's python3 (3.11.2), as pvebench's preflight asks it
            return GuestRun.done(Reply.ok("Python 3.11.2\n"), Duration.ZERO);
        }
        if (first.equals("-m")) {
            if (args.size() < 2) {
                return GuestRun.done(Reply.error("Argument expected for the -m option\n" + pythonUsage(), 2),
                        Duration.ZERO);
            }
            if (!args.get(1).equals("http.server")) {
                return GuestRun.done(Reply.error(EXE + ": No module named " + args.get(1) + "\n", 1), Duration.ZERO);
            }
            return httpServer(vm, args.subList(2, args.size()), model);
        }
        if (first.startsWith("-")) {
            return GuestRun.done(Reply.error("unknown option " + first + "\n" + pythonUsage(), 2), Duration.ZERO);
        }
        return GuestRun.done(Reply.error(EXE + ": can't open file '" + first
                + "': [Errno 2] No such file or directory\n", 2), Duration.ZERO);
    }

    private static String pythonUsage() {
        return "usage: " + EXE + " [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                + "Try `python -h' for more information.\n";
    }

    private GuestRun httpServer(VmInfo vm, List<String> args, ClusterModel model) {
        String port = null;
        String bind = "0.0.0.0"; // python 3.11 binds every address when none is given
        String directory = "/";  // the agent's working directory
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-b", "--bind", "-d", "--directory" -> {
                    if (i + 1 >= args.size()) {
                        String name = a.equals("-b") || a.equals("--bind") ? "-b/--bind" : "-d/--directory";
                        return usageError("argument " + name + ": expected one argument");
                    }
                    if (a.startsWith("-b") || a.equals("--bind")) {
                        bind = args.get(++i);
                    } else {
                        directory = args.get(++i);
                    }
                }
                default -> {
                    if (a.startsWith("-") || port != null) {
                        return usageError("unrecognized arguments: " + a);
                    }
                    port = a;
                }
            }
        }
        int number;
        try {
            number = port == null ? 8000 : Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            return usageError("argument port: invalid int value: '" + port + "'");
        }
        if (number < 0 || number > 65535) {
            return traceback("OverflowError: bind(): port must be 0-65535.");
        }
        if (!bind.equals("0.0.0.0") && !bind.equals(vm.ip())) {
            return traceback("OSError: [Errno 99] Cannot assign requested address");
        }
        HttpListener listener = new HttpListener(vm.vmid(), bind, number, directory);
        if (!model.listenHttp(listener)) {
            return traceback("OSError: [Errno 98] Address already in use");
        }
        return GuestRun.later(() -> Reply.ok(""), null, () -> model.stopHttp(listener));
    }

    private static GuestRun usageError(String message) {
        return GuestRun.done(Reply.error(SERVER_USAGE + "server.py: error: " + message + "\n", 2), Duration.ZERO);
    }

    /** The end of python's traceback when binding fails (the frames above it left out). */
    private static GuestRun traceback(String last) {
        return GuestRun.done(Reply.error("Traceback (most recent call last):\n"
                + "  File \"/usr/lib/python3.11/socketserver.py\", line 472, in server_bind\n"
                + "    self.socket.bind(self.server_address)\n" + last + "\n", 1), Duration.ZERO);
    }
}
