package org.jvirt.linux.cgroup;

import java.util.Locale;
import java.util.Optional;

/** The cgroup controllers jvirt knows, named as the kernel (and qemu.conf) names them. */
public enum Controller {
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
    public static Optional<Controller> ofKernelName(String name) {
        if ("io".equals(name)) {
            return Optional.of(BLKIO);
        }
        for (Controller c : values()) {
            if (c.kernelName().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Whether v1 creates per-thread groups (emulator, vcpuN, iothreadK) in this hierarchy. */
    public boolean threaded() {
        return this == CPU || this == CPUACCT || this == CPUSET;
    }
}
