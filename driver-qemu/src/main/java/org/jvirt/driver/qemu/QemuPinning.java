package org.jvirt.driver.qemu;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jvirt.driver.LivePinning;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.ProcFs;
import org.jvirt.model.CpuSet;

/**
 * Live pins of a running QEMU's threads (docs/pinning.md#what-is-applied): the thread's cgroup cpuset first,
 * then its affinity; the emulator pin moves the main thread's.
 */
final class QemuPinning implements LivePinning<QemuRuntime> {
    private final DomainLocks locks;
    private final BooleanSupplier cpusetCgroups;
    private final ProcFs proc;

    /**
     * @param cpusetCgroups whether threads are placed by cpuset groups; without them an emulator
     *                      pin sets the affinity of every emulator thread (what moving the emulator
     *                      group's cpuset does to them where there is one)
     */
    QemuPinning(DomainLocks locks, BooleanSupplier cpusetCgroups, ProcFs proc) {
        this.locks = locks;
        this.cpusetCgroups = cpusetCgroups;
        this.proc = proc;
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
            if (!cpusetCgroups.getAsBoolean()) {
                Set<Long> own = new HashSet<>(rt.vcpuThreads().values());
                own.addAll(rt.iothreadThreads().values());
                own.add(rt.pid);
                for (long tid : ProcFs.ifReadable(() -> proc.threads(rt.pid)).orElse(List.of())) {
                    if (!own.contains(tid)) {
                        try {
                            rt.cgroups.repinThread(rt.cgroups.emulator(), tid, cpus);
                        } catch (VirtException e) {
                            if (ProcFs.ifReadable(() -> proc.threads(rt.pid)).orElse(List.of()).contains(tid)) {
                                throw e;
                            } // else a helper thread that ended meanwhile
                        }
                    }
                }
            }
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
