package org.jvirt.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.cli.command.CommandProvider;

/**
 * One word per concept in the shell: no shell class takes the name of a library class for
 * something else, the framework of commands (package {@code command}) holds no command, and the
 * shell uses the library's own types rather than copies of them.
 */
class VocabularyTest {
    private static JavaClasses cli;
    private static JavaClasses core;

    @BeforeAll
    static void importClasses() {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        cli = importer.importPackages("org.jvirt.cli");
        core = importer.importPackages("org.jvirt").that(com.tngtech.archunit.base.DescribedPredicate.not(
                JavaClass.Predicates.resideInAPackage("org.jvirt.cli..")));
    }

    @Test
    void noShellClassIsNamedLikeALibraryClass() {
        Set<String> library = names(core);
        assertThat(library).contains("Connection", "CommandRunner");
        Set<String> clash = new TreeSet<>(names(cli));
        clash.retainAll(library);
        assertThat(clash).as("shell classes named like library classes").isEmpty();
    }

    @Test
    void commandsLiveOutsideTheCommandFramework() {
        noClasses().that().resideInAPackage("org.jvirt.cli.command").should().implement(CommandProvider.class)
                .check(cli);
        classes().that().implement(CommandProvider.class).should().haveSimpleNameEndingWith("Commands")
                .orShould().haveSimpleNameEndingWith("Command").check(cli);
    }

    private static Set<String> names(JavaClasses classes) {
        return classes.stream().filter(c -> c.isTopLevelClass()).map(JavaClass::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
