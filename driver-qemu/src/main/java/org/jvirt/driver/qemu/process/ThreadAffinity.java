package org.jvirt.driver.qemu.process;

import org.jvirt.model.CpuSet;

/**
 * sched_setaffinity / sched_getaffinity of one thread id.
 *
 * <p>Interim seam of driver-qemu: core's {@code org.jvirt.linux.Affinity} replaces it when it lands.
 */
public interface ThreadAffinity {
    /** @throws org.jvirt.error.VirtException SYSTEM_ERROR with the errno text */
    void set(long tid, CpuSet cpus);

    CpuSet get(long tid);
}
