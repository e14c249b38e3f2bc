package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connection;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.error.VirtException;
import org.jvirt.spi.Environment;

/**
 * {@code Jvirt.connect} and jvirsh go through jvirtd for the URIs of {@code jvirtd_uris} when
 * {@code jvirtd} says so (always, or auto and the socket answers), and open the driver themselves
 * otherwise. Here test:///default is routed (jvirtd's copy of the test host is shared by its
 * clients, which makes the route visible).
 */
class JvirtdRoutingTest {
    @TempDir
    Path dir;

    private Path conf(String mode, Path daemonDir) throws Exception {
        Path confDir = Files.createDirectories(dir.resolve("conf-" + mode));
        Files.writeString(confDir.resolve("jvirt.conf"), "jvirtd = \"" + mode + "\"\n"
                + "jvirtd_uris = [ \"test:///default\" ]\n"
                + "jvirtd_socket = \"" + daemonDir.resolve("sock") + "\"\n"
                + "jvirtd_socket_ro = \"" + daemonDir.resolve("sock-ro") + "\"\n");
        return confDir;
    }

    private static ConnectionFactory factory(Path confDir, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("JVIRT_CONF_DIR", confDir.toString());
        return JvirtBootstrap.connectionFactory(JvirtBootstrap.driverModules(), Environment.of(env));
    }

    private static final String XML = "<domain type='test'><name>jvd-routed</name><memory unit='MiB'>64</memory>"
            + "<vcpu>1</vcpu><os><type>hvm</type></os></domain>";

    @Test
    void autoGoesThroughARunningJvirtdAndKeepsTheCallersUri() throws Exception {
        Path daemonDir = Files.createDirectories(dir.resolve("d"));
        try (DaemonHarness daemon = DaemonHarness.start(daemonDir);
             Connection c = factory(conf("auto", daemonDir), Map.of()).open("test:///default", ConnectOptions.DEFAULT)) {
            c.defineXml(XML);
            assertThat(c.uri()).isEqualTo("test:///default");
            // the definition is in jvirtd's driver, not in a copy of this process's own
            assertThat(daemon.driver().lookupByName("jvd-routed").isPersistent()).isTrue();
            assertThat(daemon.server.sessions()).hasSize(1);
        }
    }

    @Test
    void autoWithoutJvirtdOpensTheDriverHere() throws Exception {
        Path daemonDir = Files.createDirectories(dir.resolve("none"));
        try (Connection c = factory(conf("auto", daemonDir), Map.of()).open("test:///default", ConnectOptions.DEFAULT)) {
            assertThat(c.hypervisorType()).isEqualTo("TEST");
            assertThat(c.listDomains()).extracting(d -> d.name()).containsExactly("test");
        }
    }

    @Test
    void alwaysWithoutJvirtdFailsAndNeverIgnoresIt() throws Exception {
        Path daemonDir = Files.createDirectories(dir.resolve("d2"));
        assertThatThrownBy(() -> factory(conf("always", daemonDir), Map.of()).open("test:///default",
                ConnectOptions.DEFAULT)).isInstanceOf(VirtException.class).hasMessageContaining(daemonDir.toString());
        try (DaemonHarness daemon = DaemonHarness.start(daemonDir);
             Connection c = factory(conf("always", daemonDir), Map.of("JVIRT_JVIRTD", "never"))
                     .open("test:///default", ConnectOptions.DEFAULT)) {
            c.defineXml(XML);
            assertThat(daemon.server.sessions()).isEmpty();
            assertThat(daemon.driver().listDomains()).extracting(d -> d.name()).containsExactly("test");
        }
        assertThatThrownBy(() -> factory(conf("sometimes", daemonDir), Map.of()).open("test:///default",
                ConnectOptions.DEFAULT)).hasMessageContaining("jvirtd must be auto, always or never, got 'sometimes'");
    }

    @Test
    void aOneShotJvirshGoesThroughJvirtd() throws Exception {
        Path daemonDir = Files.createDirectories(dir.resolve("d3"));
        Path xml = Files.writeString(dir.resolve("routed.xml"), XML);
        try (DaemonHarness daemon = DaemonHarness.start(daemonDir)) {
            Map<String, String> env = Map.of("JVIRT_CONF_DIR", conf("auto", daemonDir).toString());
            Tools.Result r = Tools.run(Tools.jvirsh("-c", "test:///default", "define", xml.toString()), "", env, 60);
            assertThat(r.out()).as(r.err()).contains("Domain 'jvd-routed' defined");
            r = Tools.run(Tools.jvirsh("-c", "test:///default", "uri; list --all; vcpupin jvd-routed 0 2 --config; "
                    + "vcpupin jvd-routed --config"), "", env, 60);
            assertThat(r.out()).as(r.err()).startsWith("test:///default\n").contains(" -    jvd-routed   shut off")
                    .contains(" 0      2\n");
            assertThat(daemon.driver().lookupByName("jvd-routed").vcpuPinInfo(org.jvirt.Affect.CONFIG))
                    .containsExactly(org.jvirt.model.CpuSet.of(2));
        }
    }

}
