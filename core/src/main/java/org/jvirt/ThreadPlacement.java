package org.jvirt;

import java.util.Objects;
import java.util.Optional;

import org.jvirt.model.CpuSet;

/**
 * One thread of a running domain as the kernel enforces it: what {@code jvirsh pincheck}
 * compares with the intended pinning.
 *
 * @param index      the vCPU id or I/O thread id; -1 for emulator threads
 * @param affinity   the thread's scheduler affinity ({@code sched_getaffinity})
 * @param cgroup     the cpuset cgroup the thread sits in, when the cpuset controller confines it
 * @param cgroupCpus that cgroup's {@code cpuset.cpus}, when readable
 */
public record ThreadPlacement(long tid, String name, Kind kind, int index, CpuSet affinity, Optional<String> cgroup,
                              Optional<CpuSet> cgroupCpus) {
    /** What a thread is to its domain. */
    public enum Kind { VCPU, EMULATOR, IOTHREAD }

    public ThreadPlacement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(affinity, "affinity");
        Objects.requireNonNull(cgroup, "cgroup");
        Objects.requireNonNull(cgroupCpus, "cgroupCpus");
    }
}
