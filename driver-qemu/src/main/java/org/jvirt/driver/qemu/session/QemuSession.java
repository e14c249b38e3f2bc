package org.jvirt.driver.qemu.session;

import java.util.function.Supplier;

import org.jvirt.driver.qemu.QemuAccess;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.spi.Environment;

/**
 * How {@code qemu:///session} is made for the user this JVM runs as: its settings (its own
 * qemu.conf and XDG directories, {@link SessionSettings}) and its access to the host (QEMU as
 * that user, the cgroups {@link SessionCgroups} finds).
 */
public record QemuSession(SessionUser user, Supplier<QemuSettings> settings) {
    /** The session of this process's user, from its environment ({@code HOME}, {@code XDG_*}). */
    public static QemuSession current(Environment vars, Supplier<HostEnvironment> env) {
        SessionUser user = SessionUser.current(vars);
        return new QemuSession(user, new Settings(vars, user, env));
    }

    /**
     * The session's settings, read when asked: a class rather than a lambda, as every
     * qemu:///system connection makes it (on JDK 17 each lambda is linked at run time).
     */
    private record Settings(Environment vars, SessionUser user, Supplier<HostEnvironment> env)
            implements Supplier<QemuSettings> {
        @Override
        public QemuSettings get() {
            return SessionSettings.load(XdgDirs.of(vars, user.home()), user, env.get().etcRoot());
        }
    }

    /** The host access of this session's connections on {@code env}. */
    public QemuAccess access(QemuSettings s, HostEnvironment env) {
        return new QemuAccess(user.qemuUser(), user.toString(),
                () -> SessionCgroups.open(env, user.uid(), s.cgroupControllers()), true);
    }
}
