package org.jvirt.driver.lxc.linux;

import java.nio.file.Path;
import java.util.Objects;

import org.jvirt.driver.Lazy;

/**
 * The container driver's own seams to the kernel, beside the host's ({@code HostEnvironment}):
 * what it does inside a container's namespaces, and device programs for cgroup v2 groups.
 */
public record LxcKernel(NamespaceOps namespaces, CgroupDevicePrograms devicePrograms) {
    public LxcKernel {
        Objects.requireNonNull(namespaces, "namespaces");
        Objects.requireNonNull(devicePrograms, "devicePrograms");
    }

    /**
     * This host's kernel, through JNA, loaded when a container start first needs it: a connection
     * that only lists or defines never pays for libc through JNA (a few hundred ms in a cold JVM).
     */
    public static LxcKernel system() {
        Lazy<NamespaceOps> namespaces = Lazy.of(new JnaNamespaces());
        Lazy<CgroupDevicePrograms> programs = Lazy.of(new JnaDevicePrograms());
        return new LxcKernel(new NamespaceOps() {
            @Override
            public void pivotRoot(long pid, Path newRoot, String putOld) {
                namespaces.get().pivotRoot(pid, newRoot, putOld);
            }

            @Override
            public void setHostName(long pid, String hostName) {
                namespaces.get().setHostName(pid, hostName);
            }
        }, new LazyDevicePrograms(programs));
    }

    /*
     * The JNA seams, made when first used: classes rather than lambdas, as every lxc:///system
     * connection makes them (on JDK 17 the first lambda a process links sets up the JDK's method handles).
     */

    private static final class JnaNamespaces implements java.util.function.Supplier<NamespaceOps> {
        @Override
        public NamespaceOps get() {
            return new JnaNamespaceOps();
        }
    }

    private static final class JnaDevicePrograms implements java.util.function.Supplier<CgroupDevicePrograms> {
        @Override
        public CgroupDevicePrograms get() {
            return new JnaCgroupDevicePrograms();
        }
    }

    private record LazyDevicePrograms(Lazy<CgroupDevicePrograms> programs) implements CgroupDevicePrograms {
        @Override
        public void attach(Path group, java.util.List<String> allowRules) {
            programs.get().attach(group, allowRules);
        }
    }
}
