package org.jvirt.linux.cgroup;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/** The cgroup controllers jvirt knows, named as the kernel (and qemu.conf) names them. */
public enum CgroupController {
    CPU,
    CPUACCT,
    CPUSET,
    MEMORY,
    DEVICES,
    FREEZER,
    BLKIO,
    PIDS;

    /** The kernel's name: {@code cpu}, {@code cpuset}, ... */
    public String kernelName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The controller with this kernel name ({@code io} is the v2 name of blkio). */
    public static Optional<CgroupController> ofKernelName(String name) {
        if ("io".equals(name)) {
            return Optional.of(BLKIO);
        }
        for (CgroupController c : values()) {
            if (c.kernelName().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The controllers a conf file's {@code cgroup_controllers} names (qemu.conf and lxc.conf
     * alike): kernel names in any case, {@code io} for blkio.
     *
     * @param file the conf file, for the message
     * @throws VirtException CONF_SYNTAX for a name that is no controller, with the known ones
     */
    public static Set<CgroupController> parseList(List<String> names, String file) {
        Set<CgroupController> out = EnumSet.noneOf(CgroupController.class);
        for (String n : names) {
            out.add(ofKernelName(n.toLowerCase(Locale.ROOT)).orElseThrow(() -> VirtException.of(ErrorCode.CONF_SYNTAX,
                    ErrorDomain.CONF, "%s: cgroup_controllers: unknown controller '%s' (%s)", file, n,
                    Arrays.stream(values()).map(CgroupController::kernelName).collect(Collectors.joining(", ")))));
        }
        return out;
    }

    /** Whether v1 creates per-thread groups (emulator, vcpuN, iothreadK) in this hierarchy. */
    public boolean threaded() {
        return this == CPU || this == CPUACCT || this == CPUSET;
    }
}
