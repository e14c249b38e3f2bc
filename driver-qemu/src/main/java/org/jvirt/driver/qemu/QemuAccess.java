package org.jvirt.driver.qemu;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jvirt.driver.qemu.process.QemuUser;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;

/**
 * What a connection is on the host besides its settings: the user jvirt runs as ({@code self};
 * QEMU switches to qemu.conf's user only when that differs), the cgroups it uses, opened on first
 * use, and whether it is a session ({@code qemu:///session}: an unprivileged user's domains,
 * which refuse at start what would need a cgroup the session does not have).
 *
 * @param who {@code self} in words, for messages ({@code 'bob' (uid 1001)})
 */
public record QemuAccess(QemuUser self, String who, Supplier<CgroupBackend> cgroups, boolean session) {
    public QemuAccess {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(who, "who");
        cgroups = memoized(cgroups);
    }

    /** qemu:///system: root, the host's cgroups restricted to cgroup_controllers (detection reads /proc/self/mountinfo). */
    public static QemuAccess system(QemuSettings settings, HostEnvironment env) {
        Set<CgroupController> wanted = settings.cgroupControllers();
        return new QemuAccess(QemuUser.ROOT, "'root' (uid 0)", () -> env.cgroups(wanted, Set.of()), false);
    }

    /** Whether threads are placed by cpuset cgroups (else by their affinity alone). */
    public boolean cpusetCgroups() {
        try {
            return cgroups.get().has(CgroupController.CPUSET);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Supplier<CgroupBackend> memoized(Supplier<CgroupBackend> source) {
        Objects.requireNonNull(source, "cgroups");
        if (source instanceof Memo) {
            return source;
        }
        return new Memo(source);
    }

    private static final class Memo implements Supplier<CgroupBackend> {
        private final Supplier<CgroupBackend> source;
        private CgroupBackend backend;

        Memo(Supplier<CgroupBackend> source) {
            this.source = source;
        }

        @Override
        public synchronized CgroupBackend get() {
            if (backend == null) {
                backend = source.get();
            }
            return backend;
        }
    }
}
