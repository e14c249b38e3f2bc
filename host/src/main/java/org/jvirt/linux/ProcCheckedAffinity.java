package org.jvirt.linux;

import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/**
 * An {@link Affinity} that sets a thread's CPUs only when {@code /proc} shows them different:
 * a thread moved into a cpuset cgroup already has that group's CPUs (the kernel sets them on the
 * move and on each change of the group's {@code cpuset.cpus}), which is what a placement then
 * asks for, so the system call (and with it JNA and libc, about 30 ms of a one-shot command)
 * is made only where it changes something. {@code Cpus_allowed_list} is the thread's own mask,
 * the one {@code sched_setaffinity} replaces: where it already equals the request the call
 * would leave it as it is. When {@code /proc} cannot be read (the thread is gone, no procfs),
 * the call is made and reports what is wrong. Gets go to the system call ({@code /proc} also
 * lists offline CPUs, which {@code sched_getaffinity} leaves out).
 */
public final class ProcCheckedAffinity implements Affinity {
    private final ProcFs proc;
    private final Affinity syscall;

    public ProcCheckedAffinity(ProcFs proc, Affinity syscall) {
        this.proc = proc;
        this.syscall = syscall;
    }

    @Override
    public void set(long tid, CpuSet cpus) {
        if (cpus.isEmpty() || !current(tid).equals(cpus)) {
            syscall.set(tid, cpus);
        }
    }

    /** The thread's mask as {@code /proc/TID/task/TID/status} lists it; empty when unreadable. */
    private CpuSet current(long tid) {
        try {
            return proc.cpusAllowed(tid, tid);
        } catch (VirtException e) {
            return CpuSet.EMPTY;
        }
    }

    @Override
    public CpuSet get(long tid) {
        return syscall.get(tid);
    }
}
