package org.jvirt.xml;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Only org.jvirt.xml touches JDOM; the model does no XML and no I/O; the lower layers (model,
 * xml, pinning, host) never reach up into the shared driver state, the SPI or the connection
 * layer.
 */
class XmlBoundaryTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.jvirt");

    @Test
    void onlyTheXmlPackageUsesJdom() {
        noClasses().that().resideOutsideOfPackage("org.jvirt.xml..").should().dependOnClassesThat()
                .resideInAPackage("org.jdom2..").check(CLASSES);
    }

    @Test
    void theModelDoesNoXmlAndNoIo() {
        noClasses().that().resideInAPackage("org.jvirt.model..").should().dependOnClassesThat()
                .resideInAnyPackage("org.jdom2..", "javax.xml..", "org.xml..", "java.io..", "java.nio.file..")
                .check(CLASSES);
    }

    @Test
    void lowerLayersDoNotDependOnTheDriverLayers() {
        noClasses().that().resideInAnyPackage("org.jvirt.model..", "org.jvirt.xml..", "org.jvirt.pinning..",
                "org.jvirt.host..").should().dependOnClassesThat()
                .resideInAnyPackage("org.jvirt.state..", "org.jvirt.spi..", "org.jvirt.connect..").check(CLASSES);
    }
}
