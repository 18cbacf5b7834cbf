/**
 * The command line (picocli) and the wiring: it loads a pipeline, picks the target
 * (the embedded twin or a cluster file), binds the stage beans into Camel and starts
 * the route flow. It holds no business logic: everything it does is delegated.
 *
 * <p>The one package that may see every other one.
 */
package io.pvebench.cli;
