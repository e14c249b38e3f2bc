package org.jvirt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Core is what an application that only reads domain XML, or only talks to a remote host, needs:
 * it never reaches the host through native code or OSHI (those live in jvirt-host, which only the
 * real drivers use), and none of its classes sits in a package of jvirt-host (a package lives in
 * one jar).
 */
class CoreDependenciesTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.jvirt");

    @Test
    void coreUsesNeitherJnaNorOshi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..", "oshi..").check(CORE);
    }

    @Test
    void coreHasNoClassInTheHostModulesPackages() {
        noClasses().should().resideInAnyPackage("org.jvirt.linux..", "org.jvirt.host.probe..").check(CORE);
    }

    /** The values and rules below the driver SPI know nothing of drivers. */
    @Test
    void theDriverSpiSitsAboveTheModelAndThePinningRules() {
        noClasses().that().resideInAnyPackage("org.jvirt.model..", "org.jvirt.xml..", "org.jvirt.pinning..",
                "org.jvirt.host..").should().dependOnClassesThat().resideInAPackage("org.jvirt.driver..").check(CORE);
    }

    @Test
    void coreDependsOnNoClassOfTheHostModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.jvirt.linux..", "org.jvirt.host.probe..")
                .check(CORE);
    }
}
