package org.jvirt.driver;

import org.jvirt.model.CpuSet;

/**
 * The capability to move a running domain's threads: a live vcpupin, emulatorpin or iothreadpin
 * (cgroup first, then the thread's affinity). Core has checked the set and the target and
 * updates the live definition afterwards; a failure must leave the placement as it was.
 */
public interface LivePinning<R> {
    /** Pins online vCPU {@code vcpu}. */
    void pinVcpu(R runtime, int vcpu, CpuSet cpus);

    void pinEmulator(R runtime, CpuSet cpus);

    void pinIothread(R runtime, int iothread, CpuSet cpus);
}
