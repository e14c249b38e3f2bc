package org.jvirt.driver.qemu.session;

import java.nio.file.Path;
import java.util.Optional;

import org.jvirt.conf.ConfException;
import org.jvirt.conf.ConfFile;
import org.jvirt.conf.ConfLoader;
import org.jvirt.conf.ConfLocations;
import org.jvirt.conf.QemuConfKeys;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.driver.qemu.process.QemuUser;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.state.StateDirs;

/**
 * A session's settings: its own qemu.conf, {@code $XDG_CONFIG_HOME/jvirt/qemu.conf} (else the
 * built-in defaults; neither {@code /etc/jvirt} nor {@code $JVIRT_CONF_DIR}, which are the
 * system driver's), and its own directories: definitions in {@code $XDG_CONFIG_HOME/jvirt/qemu},
 * status files, sockets and locks in {@code $XDG_RUNTIME_DIR/jvirt/qemu}, logs in
 * {@code $XDG_STATE_HOME/jvirt/log/qemu} (config_dir, state_dir and log_dir still override them).
 * QEMU runs as the session's user: {@code user} and {@code group} may only name that user and
 * its primary group.
 */
public final class SessionSettings {
    private SessionSettings() {
    }

    /** The directory of the session's conf files: {@code $XDG_CONFIG_HOME/jvirt}. */
    public static Path confDir(XdgDirs xdg) {
        return xdg.configHome().resolve("jvirt");
    }

    /** The session's default directories (before qemu.conf's config_dir, state_dir, log_dir). */
    public static StateDirs dirs(XdgDirs xdg) {
        return new StateDirs(confDir(xdg).resolve("qemu"), xdg.runtimeDir().resolve("jvirt/qemu"),
                xdg.stateHome().resolve("jvirt/log/qemu"));
    }

    /** Loads the session's qemu.conf for {@code user}; {@code etc}: where its user and group names are looked up. */
    public static QemuSettings load(XdgDirs xdg, SessionUser user, Path etc) {
        ConfFile conf;
        try {
            conf = new ConfLoader(new ConfLocations(Optional.empty(), confDir(xdg))).load(QemuConfKeys.FILE);
        } catch (ConfException e) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.QEMU, e.getMessage(), e);
        }
        return from(conf, xdg, user, etc);
    }

    /** The settings of {@code conf} as a session's. */
    public static QemuSettings from(ConfFile conf, XdgDirs xdg, SessionUser user, Path etc) {
        QemuSettings s = QemuSettings.from(conf, dirs(xdg), "+" + user.uid(), "+" + user.gid());
        QemuUser asked = QemuUser.resolve(s.user(), s.group(), etc);
        if (asked.uid() != user.uid() || asked.gid() != user.gid()) {
            throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.QEMU, "%s: user '%s' / group '%s' (uid %d, gid %d): "
                    + "a session runs QEMU as its own user %s and group %d, which cannot switch to another one; remove "
                    + "user and group (they are for qemu:///system)", conf.fileName(), s.user(), s.group(), asked.uid(),
                    asked.gid(), user, user.gid());
        }
        return s;
    }
}
