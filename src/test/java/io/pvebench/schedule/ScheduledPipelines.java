package io.pvebench.schedule;

import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;

import java.nio.file.Files;
import java.nio.file.Path;

/** Scheduled pipelines for the scheduler's tests: each on the cluster file {@code clusters/lab.yaml} in a folder. */
final class ScheduledPipelines {

    private ScheduledPipelines() {
    }

    /** Writes pipeline {@code name} scheduled at {@code cron} in {@code zone} into {@code dir} and loads it. */
    static Pipeline write(Path dir, String name, String cron, String zone) throws Exception {
        Files.createDirectories(dir.resolve("clusters"));
        Files.writeString(dir.resolve("clusters/lab.yaml"), """
                name: lab
                nodes:
                  - {name: pve1, address: 192.0.2.11}
                ssh:
                  identityFile: ~/.ssh/id_ed25519
                """);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                cluster: clusters/lab.yaml
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}
                schedule:
                  cron: "%s"
                  timeZone: %s
                """.formatted(name, cron, zone));
        return PipelineLoader.load(file);
    }
}
