package io.pvebench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds DESIGN.md's table of parts: what each package must not know about. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pvebench");
    }

    private static void forbid(String pkg, String... forbidden) {
        ArchRule rule = noClasses().that().resideInAPackage("io.pvebench." + pkg + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("DESIGN.md: '" + pkg + "' must not know about " + String.join(", ", forbidden));
        rule.check(classes);
    }

    @Test
    void twinImportsNothingOfPvebenchOutsideSim() {
        noClasses().that().resideInAPackage("io.pvebench.sim..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "pvebench classes outside sim",
                        c -> c.getPackageName().startsWith("io.pvebench")
                                && !c.getPackageName().startsWith("io.pvebench.sim")))
                .check(classes);
    }

    @Test
    void scheduleKnowsWhenNotWhatARunDoes() {
        forbid("schedule", "io.pvebench.stage..", "io.pvebench.ssh..", "io.pvebench.proxmox..", "org.apache.camel..",
                "io.pvebench.report..", "io.pvebench.sim..", "io.pvebench.cli..");
    }

    @Test
    void pipelineKnowsNoSshCamelOrAllure() {
        forbid("pipeline", "io.pvebench.ssh..", "org.apache.camel..", "io.qameta..", "com.jcraft..",
                "io.pvebench.sim..");
    }

    @Test
    void pipelineKnowsNothingOfTheAssessmentThatJudgesAgainstIt() {
        // assess imports the pipeline's objectives; the other way round would be a cycle
        forbid("pipeline", "io.pvebench.assess..", "io.pvebench.run..", "io.pvebench.report..");
    }

    @Test
    void sshKnowsNoProxmoxOrPipelines() {
        forbid("ssh", "io.pvebench.proxmox..", "io.pvebench.pipeline..", "io.pvebench.stage..",
                "org.apache.camel..", "io.pvebench.sim..");
    }

    @Test
    void proxmoxKnowsNoCamelOrReports() {
        forbid("proxmox", "org.apache.camel..", "io.pvebench.report..", "io.qameta..", "io.pvebench.stage..",
                "io.pvebench.sim..");
    }

    @Test
    void guestKnowsNoProxmoxInternalsCamelOrReports() {
        forbid("guest", "io.pvebench.proxmox..", "org.apache.camel..", "io.pvebench.report..", "io.qameta..",
                "io.pvebench.sim..");
    }

    @Test
    void measureKnowsNoSshOrCamel() {
        forbid("measure", "io.pvebench.ssh..", "org.apache.camel..", "com.jcraft..", "io.pvebench.sim..");
    }

    @Test
    void balanceIsPureAndKnowsNoSshTwinCamelAllureStagesCliOrReports() {
        // its formulas, policies and scores are pure functions; the stage that executes plans comes next
        forbid("balance", "io.pvebench.ssh..", "com.jcraft..", "org.apache.sshd..", "io.pvebench.sim..",
                "org.apache.camel..", "io.qameta..", "io.pvebench.stage..", "io.pvebench.cli..",
                "io.pvebench.report..");
    }

    @Test
    void stagesAreCamelFreeBeansThatNeverReport() {
        forbid("stage", "org.apache.camel..", "io.pvebench.report..", "io.qameta..", "io.pvebench.sim..",
                "io.pvebench.cli..");
    }

    @Test
    void assessKnowsNoSshOrProxmox() {
        forbid("assess", "io.pvebench.ssh..", "io.pvebench.proxmox..", "org.apache.camel..",
                "io.pvebench.sim..");
    }

    @Test
    void reportKnowsNoSshOrProxmox() {
        forbid("report", "io.pvebench.ssh..", "io.pvebench.proxmox..", "io.pvebench.stage..",
                "org.apache.camel..", "io.pvebench.sim..");
    }

    @Test
    void onlyTheTimelinePackageDrawsChartsSoAwtStaysHeadlessThere() {
        noClasses().that().resideOutsideOfPackage("io.pvebench.report.timeline..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jfree..")
                .because("report.timeline's package-info: the only package that knows JFreeChart")
                .check(classes);
    }

    @Test
    void runJournalKnowsNoCamelAllureOrTwin() {
        forbid("run", "org.apache.camel..", "io.qameta..", "io.pvebench.sim..", "io.pvebench.cli..");
    }

    @Test
    void onlyTheCommandLineWiresCamelAndTheTwin() {
        // bench measures the twin, so it may use it; BenchBoundaryTest holds bench's own rules
        noClasses().that().resideOutsideOfPackages("io.pvebench.cli..", "io.pvebench.sim..", "io.pvebench.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "io.pvebench.sim..")
                .check(classes);
    }
}
