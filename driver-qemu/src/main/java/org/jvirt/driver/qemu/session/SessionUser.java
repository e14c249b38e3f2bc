package org.jvirt.driver.qemu.session;

import java.nio.file.Path;
import java.util.Objects;

import org.jvirt.driver.qemu.process.QemuUser;
import org.jvirt.linux.ProcFs;
import org.jvirt.spi.Environment;

/**
 * The user a session belongs to: the user this JVM runs as, its primary group and its home
 * ({@code $HOME} when it is an absolute path, as GLib takes it, else the password database's).
 */
public record SessionUser(long uid, long gid, String name, Path home) {
    public SessionUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(home, "home");
    }

    /**
     * The user of this process: its real user and group ids (/proc/self/status, as getuid and
     * getgid give them) and the name the JVM found for that user ({@code user.name}, {@code ?}
     * when the password database has none).
     */
    public static SessionUser current(Environment vars) {
        ProcFs.Ids self = ProcFs.host().selfIds();
        // without lambdas: every qemu:///system connection asks (on JDK 17 each is linked at run time)
        java.util.Optional<String> set = vars.get("HOME");
        Path home = Path.of(set.isPresent() && set.get().startsWith("/") ? set.get() : System.getProperty("user.home"));
        return new SessionUser(self.uid(), self.gid(), System.getProperty("user.name"), home);
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** QEMU's user in this session: this user, with its primary group (jvirt never switches it). */
    public QemuUser qemuUser() {
        return new QemuUser(uid, gid, java.util.Optional.of(name));
    }

    /** {@code name (uid N)}, for messages. */
    @Override
    public String toString() {
        return "'" + name + "' (uid " + uid + ")";
    }
}
