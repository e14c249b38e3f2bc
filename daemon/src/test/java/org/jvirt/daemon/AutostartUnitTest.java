package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Autostart;
import org.jvirt.Connection;
import org.jvirt.Domain;

/**
 * The boot-time unit {@code systemd/jvirt-autostart@.service} does what it says: its
 * {@code ExecStart}, run as systemd would for {@code jvirt-autostart@qemu} (the launcher path
 * replaced by this build's jvirsh), starts the real QEMU domains marked autostart by another
 * jvirsh process and leaves the others alone. TCG here, KVM where /dev/kvm exists. Run under
 * {@code flock /work/coord/real-tests.lock}.
 */
class AutostartUnitTest {
    private static final Path UNIT = Path.of("..", "systemd", "jvirt-autostart@.service");

    @BeforeEach
    void sweep() throws Exception {
        QemuEnv.require();
        QemuEnv.sweep();
    }

    @AfterEach
    void clean() throws Exception {
        QemuEnv.sweep();
    }

    /** ExecStart of the unit for instance {@code instance}, with jvirsh as this build runs it. */
    static List<String> execStart(String instance) throws Exception {
        String line = Files.readAllLines(UNIT).stream().filter(l -> l.startsWith("ExecStart=")).findFirst()
                .orElseThrow().substring("ExecStart=".length()).replace("%i", instance);
        List<String> words = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
        assertThat(words.get(0)).isEqualTo("/opt/jvirt/bin/jvirsh");
        List<String> cmd = new ArrayList<>(Tools.jvirsh());
        cmd.addAll(words.subList(1, words.size()));
        return cmd;
    }

    @Test
    void theUnitsCommandStartsTheMarkedDomains() throws Exception {
        Path conf = QemuEnv.confDir();
        Map<String, String> env = Map.of("JVIRT_CONF_DIR", conf.toString(), "JVIRT_JVIRTD", "never");
        Path dir = Files.createDirectories(QemuEnv.ROOT.resolve("xml"));
        String marked = QemuEnv.PREFIX + "auto1";
        String other = QemuEnv.PREFIX + "auto2";
        Files.writeString(dir.resolve("a.xml"), QemuEnv.xml(marked, "aaaaaaaa-1111-2222-3333-444444444444",
                "<vcpu>1</vcpu>"));
        Files.writeString(dir.resolve("b.xml"), QemuEnv.xml(other, "bbbbbbbb-1111-2222-3333-444444444444",
                "<vcpu>1</vcpu>"));
        Tools.Result setup = Tools.run(Tools.jvirsh("-c", "qemu:///system", "define " + dir.resolve("a.xml")
                + "; define " + dir.resolve("b.xml") + "; autostart " + marked), "", env, 120);
        assertThat(setup.status()).as(setup.err()).isZero();
        assertThat(setup.out()).contains("Domain '" + marked + "' marked as autostarted");
        assertThat(QemuEnv.ROOT.resolve("etc/autostart/" + marked + ".xml")).isSymbolicLink();

        Tools.Result boot = Tools.run(execStart("qemu"), "", env, 180);
        System.out.println("AutostartUnitTest on " + QemuEnv.accelerator() + ": " + boot.out());
        assertThat(boot.status()).as(boot.err()).isZero();
        assertThat(boot.out()).isEqualTo("Domain '" + marked + "' started\n\n");
        try (Connection c = QemuEnv.open()) {
            Domain a = c.lookupByName(marked);
            assertThat(a.isActive()).isTrue();
            assertThat(a.autostart()).isEqualTo(Autostart.ENABLED);
            assertThat(c.lookupByName(other).isActive()).isFalse();
            // run again: nothing left to start
            Tools.Result again = Tools.run(execStart("qemu"), "", env, 180);
            assertThat(again.out()).isEqualTo("\n");
            a.destroy();
            a.undefine();
            assertThat(QemuEnv.ROOT.resolve("etc/autostart/" + marked + ".xml")).doesNotExist();
            c.lookupByName(other).undefine();
        }
    }
}
