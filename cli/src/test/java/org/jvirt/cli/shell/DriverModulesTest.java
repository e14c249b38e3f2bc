package org.jvirt.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.spi.DriverModule;

/** The shell's drivers: by the names the launcher passes, else (or when a name fails) ServiceLoader's. */
class DriverModulesTest {
    @AfterEach
    void clear() {
        System.clearProperty(DriverModules.PROPERTY);
    }

    private static List<String> names(List<DriverModule> drivers) {
        return drivers.stream().map(d -> d.getClass().getName()).toList();
    }

    @Test
    void withoutTheListServiceLoaderFindsThem() {
        assertThat(names(DriverModules.forShell())).isEqualTo(names(JvirtBootstrap.driverModules()))
                .contains("org.jvirt.driver.test.TestDriverModule");
        assertThat(DriverModules.found()).isEqualTo(String.join(",", names(JvirtBootstrap.driverModules())));
    }

    @Test
    void theNamedDriversAreMadeAndNoOthers() {
        System.setProperty(DriverModules.PROPERTY, "org.jvirt.driver.test.TestDriverModule");
        assertThat(names(DriverModules.forShell())).containsExactly("org.jvirt.driver.test.TestDriverModule");
    }

    @Test
    void aNameThatCannotBeMadeFallsBackToServiceLoader() {
        System.setProperty(DriverModules.PROPERTY, "org.jvirt.driver.test.TestDriverModule,org.example.Gone");
        assertThat(names(DriverModules.forShell())).isEqualTo(names(JvirtBootstrap.driverModules()));
        System.setProperty(DriverModules.PROPERTY, "java.lang.String");
        assertThat(names(DriverModules.forShell())).isEqualTo(names(JvirtBootstrap.driverModules()));
    }
}
