package org.jvirt.driver.qemu.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.driver.qemu.capabilities.KvmAccess;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.spi.Environment;

/**
 * A session's directories follow the XDG variables with libvirt's (GLib's) fallbacks, its
 * qemu.conf is the user's own, and QEMU runs as that user.
 */
class SessionSettingsTest {
    private static final Path HOME = Path.of("/home/bob");

    @TempDir
    Path tmp;

    @Test
    void unsetVariablesFallBackAsLibvirtsDo() {
        XdgDirs x = XdgDirs.of(Environment.of(Map.of()), HOME);
        assertThat(x.configHome()).isEqualTo(Path.of("/home/bob/.config"));
        assertThat(x.cacheHome()).isEqualTo(Path.of("/home/bob/.cache"));
        assertThat(x.stateHome()).isEqualTo(Path.of("/home/bob/.local/state"));
        assertThat(x.runtimeDir()).as("no runtime dir: the cache dir, as GLib gives libvirt")
                .isEqualTo(Path.of("/home/bob/.cache"));
        assertThat(XdgDirs.of(Environment.of(Map.of("XDG_CACHE_HOME", "/c")), HOME).runtimeDir()).isEqualTo(Path.of("/c"));
    }

    @Test
    void setVariablesAreUsedAndRelativeOnesIgnored() {
        XdgDirs x = XdgDirs.of(Environment.of(Map.of("XDG_CONFIG_HOME", "/x/conf", "XDG_RUNTIME_DIR", "/run/user/1001",
                "XDG_STATE_HOME", "relative/state", "XDG_CACHE_HOME", "")), HOME);
        assertThat(x.configHome()).isEqualTo(Path.of("/x/conf"));
        assertThat(x.runtimeDir()).isEqualTo(Path.of("/run/user/1001"));
        assertThat(x.stateHome()).as("a relative value is invalid (XDG spec)").isEqualTo(Path.of("/home/bob/.local/state"));
        assertThat(x.cacheHome()).isEqualTo(Path.of("/home/bob/.cache"));
        var dirs = SessionSettings.dirs(x);
        assertThat(dirs.configDir()).isEqualTo(Path.of("/x/conf/jvirt/qemu"));
        assertThat(dirs.runDir()).isEqualTo(Path.of("/run/user/1001/jvirt/qemu"));
        assertThat(dirs.logDir()).isEqualTo(Path.of("/home/bob/.local/state/jvirt/log/qemu"));
    }

    private XdgDirs xdg() {
        return XdgDirs.of(Environment.of(Map.of("XDG_CONFIG_HOME", tmp.resolve("conf").toString())), tmp);
    }

    private static final SessionUser BOB = new SessionUser(1001, 1001, "bob", HOME);

    @Test
    void withoutAFileTheSessionsDefaultsAndItsOwnUser() {
        QemuSettings s = SessionSettings.load(xdg(), BOB, tmp);
        assertThat(s.configDir()).isEqualTo(tmp.resolve("conf/jvirt/qemu"));
        assertThat(s.stateDir()).isEqualTo(tmp.resolve(".cache/jvirt/qemu"));
        assertThat(s.logDir()).isEqualTo(tmp.resolve(".local/state/jvirt/log/qemu"));
        assertThat(s.user()).isEqualTo("+1001");
        assertThat(s.group()).isEqualTo("+1001");
    }

    @Test
    void theUsersOwnQemuConfIsRead() throws Exception {
        Files.createDirectories(tmp.resolve("conf/jvirt"));
        Files.writeString(tmp.resolve("conf/jvirt/qemu.conf"), "unplug_timeout = 1234\nlog_dir = \"/tmp/bob-logs\"\n"
                + "user = \"+1001\"\n");
        QemuSettings s = SessionSettings.load(xdg(), BOB, tmp);
        assertThat(s.unplugTimeout().toMillis()).isEqualTo(1234);
        assertThat(s.logDir()).isEqualTo(Path.of("/tmp/bob-logs"));
        assertThat(s.configDir()).isEqualTo(tmp.resolve("conf/jvirt/qemu"));
    }

    @Test
    void anotherUserOrABrokenFileIsRefusedWithWhere() throws Exception {
        Files.createDirectories(tmp.resolve("conf/jvirt"));
        Path conf = tmp.resolve("conf/jvirt/qemu.conf");
        Files.writeString(conf, "user = \"+0\"\n");
        assertThatThrownBy(() -> SessionSettings.load(xdg(), BOB, tmp))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX))
                .hasMessageContaining(conf.toString()).hasMessageContaining("a session runs QEMU as its own user 'bob'");
        Files.writeString(conf, "unplug_timeout = \n");
        assertThatThrownBy(() -> SessionSettings.load(xdg(), BOB, tmp)).hasMessageContaining(conf.toString());
    }

    @Test
    void aKvmDomainWithoutDevKvmSaysWhatToDo() {
        assertThat(KvmAccess.whyNot(tmp.resolve("dev/kvm"), "/usr/bin/qemu-system-x86_64", "'bob' (uid 1001)"))
                .contains("needs " + tmp.resolve("dev/kvm") + ", which this host does not have")
                .contains("use <domain type='qemu'> to run on TCG");
    }
}
