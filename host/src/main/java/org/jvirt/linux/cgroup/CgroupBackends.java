package org.jvirt.linux.cgroup;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Ticker;

/** Chooses and builds the backend for a host's {@link CgroupMounts}. */
public final class CgroupBackends {
    private CgroupBackends() {
    }

    /**
     * The backend for {@code mounts}, using the controllers of {@code wanted} that are available
     * (empty {@code wanted}: every available one; qemu.conf {@code cgroup_controllers}). On v1 a
     * controller co-mounted with a wanted one is used too (it cannot be left out).
     *
     * @throws VirtException NO_CGROUP naming the first controller of {@code required} that is
     *                       not available, with what is available
     */
    public static CgroupBackend open(CgroupMounts mounts, Set<CgroupController> wanted, Set<CgroupController> required,
            ProcessSignaller signals, Ticker ticker) {
        Set<CgroupController> want = wanted.isEmpty() ? EnumSet.allOf(CgroupController.class) : EnumSet.copyOf(wanted);
        for (CgroupController c : required) {
            if (!mounts.available().contains(c) || !want.contains(c)) {
                String why = !mounts.available().contains(c)
                        ? (mounts.mode() == CgroupMode.V2 ? "not enabled in the cgroup2 root (cgroup.controllers)"
                                : "not mounted as a cgroup v1 hierarchy")
                        : "excluded by cgroup_controllers";
                throw VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.CGROUP,
                        "cgroup: the %s controller is required but %s (%s host; available: %s)",
                        c.kernelName(), why, mounts.mode(), CgroupFiles.names(mounts.available()));
            }
        }
        if (mounts.mode() == CgroupMode.V2) {
            Set<CgroupController> use = EnumSet.noneOf(CgroupController.class);
            use.addAll(mounts.unifiedControllers());
            use.retainAll(want);
            return new CgroupV2Backend(mounts.unified().orElseThrow(), use, signals, ticker);
        }
        Set<Path> wantedDirs = new HashSet<>();
        mounts.v1().forEach((c, dir) -> {
            if (want.contains(c)) {
                wantedDirs.add(dir);
            }
        });
        Map<CgroupController, Path> use = new EnumMap<>(CgroupController.class);
        mounts.v1().forEach((c, dir) -> {
            if (wantedDirs.contains(dir)) {
                use.put(c, dir);
            }
        });
        return new CgroupV1Backend(use, signals, ticker);
    }
}
