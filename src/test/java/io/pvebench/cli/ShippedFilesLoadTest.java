package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.pipeline.ClusterLoader;
import io.pvebench.pipeline.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** Every file in routes/ and pipelines/ loads, so a broken example fails the build. */
class ShippedFilesLoadTest {

    @Test
    void everyPipelineAndClusterFileValidates() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("pipelines"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).contains(Path.of("pipelines/demo.yaml"));
        for (Path file : files) {
            if (file.getParent().getFileName().toString().equals("clusters")) {
                assertThat(ClusterLoader.load(file).nodes()).as(file.toString()).isNotEmpty();
            } else {
                assertThat(PipelineLoader.load(file).vmSpecs()).as(file.toString()).isNotEmpty();
            }
        }
    }

    @Test
    void everyRouteFileLoadsIntoCamelWithEveryStageBound() throws Exception {
        Main main = new Main();
        main.configure().withRoutesIncludePattern(RouteFlow.routesPattern(Path.of("routes")));
        main.configure().setJmxEnabled(false);
        RouteFlow.stageBeans().forEach(main::bind);
        try {
            main.start();
            CamelContext camel = main.getCamelContext();
            assertThat(camel.getRoutes()).extracting(Route::getRouteId).containsExactlyInAnyOrder(
                    "run", "case", "heal", "orphans", "provision", "deprovision", "preflight", "setup", "configure", "arrange",
                    "load", "balance", "migrate", "failover", "measure", "unload", "collect", "teardown", "assess", "restore", "report");
        } finally {
            main.stop();
        }
    }

    @Test
    void theJarCarriesTheRoutesForRunsOutsideACheckout() {
        assertThat(RouteFlow.routesPattern(Path.of("no-such-folder"))).isEqualTo("classpath:routes/*.yaml");
        assertThat(getClass().getClassLoader().getResource("routes/run.yaml")).isNotNull();
    }
}
