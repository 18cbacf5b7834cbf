package io.pvebench.ssh;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The ssh package is a transport: it knows nothing of Proxmox, pipelines, Camel or reports. */
class SshPackageBoundaryTest {

    private final JavaClasses ssh = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pvebench.ssh");

    @Test
    void dependsOnNoOtherPvebenchPackageThanTheExceptionRoot() {
        noClasses().that().resideInAPackage("io.pvebench.ssh..")
                .should().dependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("pvebench classes outside ssh",
                                type -> type.getPackageName().startsWith("io.pvebench.")
                                        && !type.getPackageName().startsWith("io.pvebench.ssh")))
                .check(ssh);
    }

    @Test
    void importsNoFrameworkBeyondJschAndSlf4j() {
        noClasses().that().resideInAPackage("io.pvebench.ssh..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.camel..", "org.quartz..", "io.qameta.allure..", "com.fasterxml.jackson..",
                        "org.apache.sshd..", "picocli..")
                .check(ssh);
    }
}
