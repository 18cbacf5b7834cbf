package io.pvebench.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What package-info.java says of {@code bench}: it uses ssh and the twin; only the command line uses it. */
class BenchBoundaryTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pvebench");
    }

    @Test
    void nothingButTheCommandLineDependsOnBenchmarks() {
        noClasses().that().resideOutsideOfPackages("io.pvebench.bench..", "io.pvebench.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.pvebench.bench..").check(classes);
    }

    @Test
    void benchmarksKnowNoPipelinesStagesReportsOrCamel() {
        noClasses().that().resideInAPackage("io.pvebench.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.pvebench.cli..", "io.pvebench.pipeline..",
                        "io.pvebench.stage..", "io.pvebench.run..", "io.pvebench.report..", "io.pvebench.proxmox..",
                        "org.apache.camel..", "io.qameta..")
                .check(classes);
    }
}
