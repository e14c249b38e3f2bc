package org.jvirt.driver.lxc.linux;

import java.nio.file.Path;

/**
 * What the driver does inside a container's namespaces from the host, before init runs: the seam
 * between the container start and the kernel ({@link JnaNamespaceOps} is the real one).
 */
public interface NamespaceOps {
    /**
     * In the mount namespace of process {@code pid}: makes {@code newRoot} (a mount point) the
     * root of every process whose root was the namespace's old one, then detaches the old root,
     * which pivot_root(2) put at {@code putOld} (an empty directory below {@code newRoot}, given
     * relative to it), and removes that directory. Afterwards no path in the namespace leads to
     * the host's file systems.
     */
    void pivotRoot(long pid, Path newRoot, String putOld);

    /** Sets the host name of the UTS namespace of process {@code pid} (any bytes, up to 64). */
    void setHostName(long pid, String hostName);
}
