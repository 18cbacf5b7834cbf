package io.pvebench.sim;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The twin stands alone: nothing in {@code sim} uses the rest of pvebench. */
class SimBoundaryTest {

    @Test
    void simImportsNothingFromPvebenchOutsideSim() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pvebench.sim");
        noClasses().that().resideInAPackage("io.pvebench.sim..")
                .should().dependOnClassesThat(resideInAPackage("io.pvebench..").and(not(resideInAPackage("io.pvebench.sim.."))))
                .check(classes);
    }
}
