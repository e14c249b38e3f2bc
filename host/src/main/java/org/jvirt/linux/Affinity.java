package org.jvirt.linux;

import org.jvirt.model.CpuSet;

/**
 * CPU affinity of one thread (sched_setaffinity/sched_getaffinity by thread id). {@link JnaAffinity}
 * is the real one. Errors: {@code VirtException} SYSTEM_ERROR naming the thread id, the set and
 * the errno text (NOT_RUNNING when the thread does not exist).
 */
public interface Affinity {
    void set(long tid, CpuSet cpus);

    CpuSet get(long tid);
}
