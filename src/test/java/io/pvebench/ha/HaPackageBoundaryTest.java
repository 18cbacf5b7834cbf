package io.pvebench.ha;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Holds the package description: failover prediction is pure and reads no Proxmox output itself. */
class HaPackageBoundaryTest {

    @Test
    void haIsPureAndKnowsNoSshTwinCamelAllureStagesCliReportsOrProxmoxParsers() {
        noClasses().that().resideInAPackage("io.pvebench.ha..")
                .should().dependOnClassesThat().resideInAnyPackage("io.pvebench.ssh..", "com.jcraft..",
                        "org.apache.sshd..", "io.pvebench.sim..", "org.apache.camel..", "io.qameta..",
                        "io.pvebench.stage..", "io.pvebench.cli..", "io.pvebench.report..", "io.pvebench.proxmox..",
                        "java.io..", "java.nio..", "java.net..")
                .because("io.pvebench.ha's package-info: facts in, predictions out, no I/O")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.pvebench.ha"));
    }
}
