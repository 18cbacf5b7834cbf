/**
 * Pipeline and cluster definitions: what to test and where.
 *
 * <p>Holds the immutable model ({@link io.pvebench.pipeline.Pipeline},
 * {@link io.pvebench.pipeline.ClusterDef} and their parts), the YAML loaders that build
 * it ({@link io.pvebench.pipeline.PipelineLoader}, {@link io.pvebench.pipeline.ClusterLoader}),
 * validation that reports every problem at once as {@code file:line:column: message}
 * ({@link io.pvebench.pipeline.InvalidPipelineException}), unit parsing
 * ({@link io.pvebench.pipeline.Quantity}) and matrix expansion
 * ({@link io.pvebench.pipeline.Matrix}).
 *
 * <p>Input is validated before anything runs: a loaded {@code Pipeline} is valid. This
 * package reads files only; it never connects anywhere. It may import
 * {@code io.pvebench.measure}'s {@code Metric} and {@code Statistic}, Jackson and
 * SnakeYAML; it must never import {@code ssh}, {@code sim}, {@code proxmox}, {@code stage},
 * {@code assess} (which judges against this model), Camel or Allure.
 */
package io.pvebench.pipeline;
