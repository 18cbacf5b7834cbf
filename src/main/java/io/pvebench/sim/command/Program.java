package io.pvebench.sim.command;

/**
 * One program the twin answers. Implementations may sleep in model time and must then
 * let {@link InterruptedException} through: a failed node interrupts its commands.
 */
@FunctionalInterface
public interface Program {

    Reply run(Invocation invocation) throws InterruptedException;
}
