package org.jvirt.driver.lxc.linux;

import java.util.Objects;

/**
 * The container driver's own seams to the kernel, beside the host's ({@code HostEnvironment}):
 * what it does inside a container's namespaces, and device programs for cgroup v2 groups.
 */
public record LxcKernel(NamespaceOps namespaces, CgroupDevicePrograms devicePrograms) {
    public LxcKernel {
        Objects.requireNonNull(namespaces, "namespaces");
        Objects.requireNonNull(devicePrograms, "devicePrograms");
    }

    /** This host's kernel, through JNA. */
    public static LxcKernel system() {
        return new LxcKernel(new JnaNamespaceOps(), new JnaCgroupDevicePrograms());
    }
}
