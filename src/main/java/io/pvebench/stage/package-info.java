/**
 * The stage beans the routes call, and the run and case state they share. Each stage
 * reads the context, talks to the cluster through the ports, keeps every raw output
 * and appends samples. A stage never picks the next stage (routes do) and never judges
 * (assess does); {@link io.pvebench.stage.StepScope} is the one place that times,
 * records and announces a stage.
 *
 * <p>Must not import Camel (beans are plain Java), reports or the twin.
 */
package io.pvebench.stage;
