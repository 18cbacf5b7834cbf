package io.pvebench.sim.command;

/**
 * A Perl {@code die} in a simulated Proxmox command: the message is the text Proxmox
 * dies with, without the trailing newline. Before a task is forked it ends the command
 * (stderr, exit 255); inside a task it ends the task with {@code TASK ERROR: <message>}.
 */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }
}
