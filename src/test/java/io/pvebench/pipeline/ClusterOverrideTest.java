package io.pvebench.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One pipeline, several clusters: {@code run --cluster FILE} replaces the cluster file the pipeline names. */
class ClusterOverrideTest {

    @TempDir
    Path dir;

    private Path cluster(String name, String... nodes) throws Exception {
        StringBuilder yaml = new StringBuilder("name: " + name + "\nnodes:\n");
        for (int i = 0; i < nodes.length; i++) {
            yaml.append("  - {name: ").append(nodes[i]).append(", address: 192.0.2.").append(11 + i).append("}\n");
        }
        yaml.append("ssh:\n  identityFile: ~/.ssh/id_ed25519\n");
        Path file = dir.resolve("clusters/" + name + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml.toString());
        return file;
    }

    private Path pipeline() throws Exception {
        Path file = dir.resolve("nightly.yaml");
        Files.writeString(file, """
                name: nightly
                cluster: clusters/staging.yaml
                vmSpecs:
                  - {name: small, cores: 4, memory: 4 GiB, template: 9000, nodes: [pve1, pve2]}
                """);
        return file;
    }

    @Test
    void theClusterGivenReplacesTheOneThePipelineNames() throws Exception {
        cluster("staging", "pve1", "pve2");
        Path production = cluster("production", "pve1", "pve2", "pve3");

        Pipeline pipeline = PipelineLoader.loadOnCluster(pipeline(), production);

        assertThat(pipeline.cluster()).isInstanceOfSatisfying(InventoryCluster.class, c ->
                assertThat(c.definition().name()).isEqualTo("production"));
        assertThat(pipeline.cluster().nodeNames()).containsExactly("pve1", "pve2", "pve3");
    }

    @Test
    void thePipelineIsCheckedAgainstTheClusterGiven() throws Exception {
        cluster("staging", "pve1", "pve2");
        Path other = cluster("lab", "node-a", "node-b");

        assertThatThrownBy(() -> PipelineLoader.loadOnCluster(pipeline(), other))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("unknown node 'pve1'");
    }

    @Test
    void twoFilesNamingOneClustersNodesAreOneClusterForTheRunLock() throws Exception {
        cluster("staging", "pve1", "pve2");
        Path production = cluster("production", "pve1", "pve2", "pve3");
        Path copy = dir.resolve("elsewhere/copy.yaml");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, Files.readString(production).replace("name: production", "name: prod"));

        ClusterRef one = PipelineLoader.loadOnCluster(pipeline(), production).cluster();
        ClusterRef same = PipelineLoader.loadOnCluster(pipeline(), copy).cluster();
        ClusterRef other = PipelineLoader.load(pipeline()).cluster();

        assertThat(one.identity()).isPresent().isEqualTo(same.identity()).isNotEqualTo(other.identity());
        assertThat(PipelineLoader.loadOnCluster(pipeline(), Path.of("twin")).cluster().identity()).isEmpty();
    }

    @Test
    void twinRunsThePipelineOnTheEmbeddedTwin() throws Exception {
        Pipeline pipeline = PipelineLoader.loadOnCluster(pipeline(), Path.of("twin"));

        assertThat(pipeline.cluster()).isInstanceOf(TwinCluster.class);
    }
}
