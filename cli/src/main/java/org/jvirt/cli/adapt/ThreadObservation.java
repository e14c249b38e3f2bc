package org.jvirt.cli.adapt;

import java.util.Objects;
import java.util.Optional;

import org.jvirt.ThreadPlacement;

import org.jvirt.model.CpuSet;

/**
 * One thread as the kernel enforces it.
 *
 * @param affinity   its scheduler affinity ({@code sched_getaffinity})
 * @param cgroupPath the cgroup the thread sits in, when the cpuset controller confines it
 * @param cgroupCpus that cgroup's effective {@code cpuset.cpus}
 */
public record ThreadObservation(PinTarget target, long tid, CpuSet affinity, Optional<String> cgroupPath,
                                Optional<CpuSet> cgroupCpus) {
    public ThreadObservation {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(affinity, "affinity");
        Objects.requireNonNull(cgroupPath, "cgroupPath");
        Objects.requireNonNull(cgroupCpus, "cgroupCpus");
    }

    /** The shell's view of a driver's {@link ThreadPlacement}. */
    public static ThreadObservation of(ThreadPlacement p) {
        PinTarget target = switch (p.kind()) {
            case VCPU -> PinTarget.vcpu(p.index());
            case EMULATOR -> PinTarget.emulator();
            case IOTHREAD -> PinTarget.iothread(p.index());
        };
        return new ThreadObservation(target, p.tid(), p.affinity(), p.cgroup(), p.cgroupCpus());
    }
}
