package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connection;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.spi.Environment;

/** The direct path and the Guice path for applications with their own injector, and how a missing URI resolves. */
class ConnectionResolutionTest {
    @TempDir
    Path dir;

    private static ConnectionFactory factory(Map<String, String> env) {
        List<Module> modules = new ArrayList<>(JvirtBootstrap.modules());
        modules.add(new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), Environment.class).setBinding()
                        .toInstance(Environment.of(env));
            }
        });
        Injector injector = Guice.createInjector(modules);
        return injector.getInstance(ConnectionFactory.class);
    }

    private Path node(String hostName) throws IOException {
        Path p = dir.resolve(hostName + ".xml");
        Files.writeString(p, "<node><host name='" + hostName + "'><cell/></host></node>");
        return p;
    }

    @Test
    void anApplicationInjectorFindsTheTestDriver() {
        ConnectionFactory f = factory(Map.of());
        assertThat(f.schemes()).contains("test");
        try (Connection c = f.open("test:///default", ConnectOptions.DEFAULT)) {
            assertThat(c.lookupByName("test").isActive()).isTrue();
        }
    }

    @Test
    void withoutAnInjectorTheSameDriversServeAndTheEnvironmentReachesResolution() throws IOException {
        String lv = "test://" + node("direct");
        ConnectionFactory direct = JvirtBootstrap.connectionFactory(JvirtBootstrap.driverModules(),
                Environment.of(Map.of("LIBVIRT_DEFAULT_URI", lv)));
        assertThat(direct.schemes()).containsExactlyElementsOf(factory(Map.of()).schemes()).contains("test");
        try (Connection c = direct.open(null, ConnectOptions.DEFAULT)) {
            assertThat(c.hostname()).isEqualTo("direct");
        }
    }

    @Test
    void twoDriversForOneSchemeAreRefusedByName() {
        assertThatThrownBy(() -> JvirtBootstrap.connectionFactory(
                List.of(new TestDriverModule(), new TestDriverModule()), Environment.of(Map.of())))
                .isInstanceOf(VirtException.class)
                .hasMessageContaining("scheme 'test'")
                .satisfies(e -> assertThat(((VirtException) e).code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
    }

    @Test
    void theArgumentWinsThenJvirtThenLibvirtDefaultUri() throws IOException {
        String jv = "test://" + node("from-jvirt");
        String lv = "test://" + node("from-libvirt");
        ConnectionFactory both = factory(Map.of("JVIRT_DEFAULT_URI", jv, "LIBVIRT_DEFAULT_URI", lv));
        try (Connection c = both.open(null, ConnectOptions.DEFAULT)) {
            assertThat(c.hostname()).isEqualTo("from-jvirt");
        }
        try (Connection c = factory(Map.of("LIBVIRT_DEFAULT_URI", lv)).open(null, ConnectOptions.DEFAULT)) {
            assertThat(c.hostname()).isEqualTo("from-libvirt");
        }
        try (Connection c = both.open("test:///default", ConnectOptions.DEFAULT)) {
            assertThat(c.uri()).isEqualTo("test:///default");
        }
    }

    @Test
    void jvirtConfGivesTheDefaultAndAliases() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        String uri = "test://" + node("from-conf");
        Files.writeString(conf.resolve("jvirt.conf"), "uri_default = \"sim\"\nuri_aliases = [ \"sim=" + uri + "\" ]\n");
        try (Connection c = factory(Map.of("JVIRT_CONF_DIR", conf.toString())).open(null, ConnectOptions.DEFAULT)) {
            assertThat(c.hostname()).isEqualTo("from-conf");
            assertThat(c.uri()).isEqualTo(uri);
        }
        Files.writeString(conf.resolve("jvirt.conf"), "uri_default = 42\n");
        assertThatThrownBy(() -> factory(Map.of("JVIRT_CONF_DIR", conf.toString())).open(null, ConnectOptions.DEFAULT))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX);
                    assertThat(e.getMessage()).contains("jvirt.conf").contains("uri_default");
                });
    }

    @Test
    void withNoUriAnywhereTheErrorSaysHowToGiveOne() {
        assertThatThrownBy(() -> factory(Map.of("JVIRT_CONF_DIR", dir.toString())).open(null, ConnectOptions.DEFAULT))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.getMessage()).contains("registered schemes: test").contains("JVIRT_DEFAULT_URI");
                });
    }
}
