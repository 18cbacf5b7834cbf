package io.pvebench.pipeline;

import static io.pvebench.pipeline.Fixtures.broken;
import static io.pvebench.pipeline.Fixtures.pipelineProblems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VM specs whose VMs the run clones from a template, beside specs that list existing VMs. */
class TemplateSpecsTest {

    @Test
    void aTemplateSpecClonesWithDefaultPlacementOrOnTheNodesItNames() {
        Pipeline pipeline = PipelineLoader.load(Fixtures.valid("templates.yaml"), Fixtures.HOME);

        assertThat(pipeline.vmSpecs()).extracting(VmSpec::source).containsExactly(
                new TemplateClones(9000), new TemplateClones(9001, List.of("pve2", "pve2")),
                new ListedVms(List.of(101, 102)));
        assertThat(pipeline.vmSpecs()).extracting(VmSpec::cloned).containsExactly(true, true, false);
        assertThat(pipeline.vmSpecs().get(1).memoryBytes()).isEqualTo(3584L << 20);
        assertThat(pipeline.provisionTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(pipeline.vmSpecs().get(0).source().describe()).isEqualTo("clones of template 9000");
        assertThat(pipeline.vmSpecs().get(2).source().describe()).isEqualTo("VMs [101, 102]");
    }

    @Test
    void theProvisionTimeoutDefaultsToTwentyMinutes() {
        assertThat(PipelineLoader.load(Fixtures.valid("minimal.yaml"), Fixtures.HOME).provisionTimeout())
                .isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void everyProblemOfVmsTemplateAndNodesIsReportedAtOnceWithItsPlaceAndAHint() {
        Path file = broken("templates.yaml");
        String sources = "\n  hint: 'vms: [101, 102]' uses two existing VMs (server, client); 'template: 9000' clones two "
                + "VMs from a template for the run and removes them at its end";

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":8:5: 'vmSpecs[0]' has both 'vms' and 'template'" + sources,
                file + ":9:5: 'vmSpecs[1]' needs 'vms' or 'template'" + sources,
                file + ":16:19: unknown node 'pev3' in 'vmSpecs[2].nodes[1]'\n  hint: did you mean 'pve3'?",
                file + ":21:5: 'vmSpecs[3].nodes' only applies with 'template'\n  hint: listed VMs are used where "
                        + "they run; remove 'nodes', or clone the VMs with 'template'",
                file + ":24:13: 'vmSpecs[4].memory' must be a whole number of MiB for cloned VMs\n"
                        + "  hint: Proxmox sets a VM's memory in MiB, e.g. 4 GiB or 3584 MiB",
                file + ":25:15: 'vmSpecs[4].template' must be between 100 and 999999999, got 99",
                file + ":26:12: 'vmSpecs[4].nodes' must name exactly 2 nodes, got 1\n"
                        + "  hint: the server's node, then the client's: e.g. [pve1, pve2]",
                file + ":28:14: 'timeouts.provision' must be between 10s and 24h, got 1s");
    }

    @Test
    void nodesAreCheckedAgainstTheClusterFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("clusters"));
        Files.copy(Fixtures.valid("clusters/cleanup.yaml"), dir.resolve("clusters/lab.yaml"));
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, """
                name: p
                cluster: clusters/lab.yaml
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, template: 9000, nodes: [pve1, node7]}
                """);

        assertThat(pipelineProblems(file)).containsExactly(file + ":4:74: unknown node 'node7' in "
                + "'vmSpecs[0].nodes[1]'\n  hint: the cluster's nodes: pve1, pve2");
    }
}
