package org.jvirt.driver.qemu;

import org.jvirt.driver.LivePinning;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLocks;
import org.jvirt.model.CpuSet;

/**
 * Live pins of a running QEMU's threads (PINNING.md 4.5): the thread's cgroup cpuset first,
 * then its affinity; the emulator pin moves the main thread's.
 */
final class QemuPinning implements LivePinning<QemuRuntime> {
    private final DomainLocks locks;

    QemuPinning(DomainLocks locks) {
        this.locks = locks;
    }

    @Override
    public void pinVcpu(QemuRuntime rt, int vcpu, CpuSet cpus) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            Long tid = rt.vcpuThreads().get(vcpu);
            if (tid == null) {
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU,
                        "vCPU %d of domain '%s' has no thread of its own: no per-vCPU affinity", vcpu, rt.name);
            }
            rt.cgroups.repinThread(rt.cgroups.vcpu(vcpu), tid, cpus);
        }
    }

    @Override
    public void pinEmulator(QemuRuntime rt, CpuSet cpus) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            rt.cgroups.repinEmulator(rt.pid, cpus);
        }
    }

    @Override
    public void pinIothread(QemuRuntime rt, int iothread, CpuSet cpus) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            Long tid = rt.iothreadTids.get(iothread);
            if (tid == null) {
                throw VirtException.of(ErrorCode.PIN_TARGET, ErrorDomain.QEMU, "iothreadpin: no I/O thread %d",
                        iothread);
            }
            rt.cgroups.repinThread(rt.cgroups.iothread(iothread), tid, cpus);
        }
    }
}
