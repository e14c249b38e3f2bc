package org.jvirt.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/**
 * {@link Affinity} through libc via JNA. The mask is sized for the host's CPU count (at least
 * 1024 bits, as glibc's cpu_set_t); a get that the kernel refuses with EINVAL (a larger
 * nr_cpu_ids) is retried with a doubled mask up to 2^20 CPUs.
 */
public final class JnaAffinity implements Affinity {
    private static final int MAX_CPUS = 1 << 20;

    private final LibC libc;
    private final int maskCpus;

    public JnaAffinity() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** {@code cpuCount}: the number of CPUs of the host (possible CPUs). */
    public JnaAffinity(int cpuCount) {
        this(LibC.load(), cpuCount);
    }

    JnaAffinity(LibC libc, int cpuCount) {
        this.libc = libc;
        this.maskCpus = roundUp(Math.max(1024, cpuCount));
    }

    private static int roundUp(int cpus) {
        return (cpus + 63) / 64 * 64;
    }

    @Override
    public void set(long tid, CpuSet cpus) {
        int tidInt = checkTid(tid);
        if (cpus.isEmpty()) {
            throw VirtException.of(ErrorCode.CPUSET_EMPTY, ErrorDomain.NONE,
                    "cannot set the affinity of thread %d: the CPU set is empty", tid);
        }
        long[] mask = new long[roundUp(Math.max(maskCpus, cpus.last() + 1)) / 64];
        cpus.stream().forEach(c -> mask[c / 64] |= 1L << (c % 64));
        try {
            libc.sched_setaffinity(tidInt, new NativeLong(mask.length * 8L), mask);
        } catch (LastErrorException e) {
            throw failure("set the affinity of thread " + tid + " to " + cpus.format(), e);
        }
    }

    @Override
    public CpuSet get(long tid) {
        int tidInt = checkTid(tid);
        for (int cpus = maskCpus; ; cpus *= 2) {
            long[] mask = new long[cpus / 64];
            try {
                libc.sched_getaffinity(tidInt, new NativeLong(mask.length * 8L), mask);
                java.util.BitSet bits = java.util.BitSet.valueOf(mask);
                return CpuSet.fromBits(bits);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINVAL || cpus >= MAX_CPUS) {
                    throw failure("get the affinity of thread " + tid, e);
                }
            }
        }
    }

    private static int checkTid(long tid) {
        if (tid <= 0 || tid > Integer.MAX_VALUE) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "%d is not a thread id", tid);
        }
        return (int) tid;
    }

    private VirtException failure(String what, LastErrorException e) {
        int errno = e.getErrorCode();
        ErrorCode code = errno == LibC.ESRCH ? ErrorCode.NOT_RUNNING : ErrorCode.SYSTEM_ERROR;
        return new VirtException(code, ErrorDomain.NONE, "cannot " + what + ": " + libc.strerror(errno), e);
    }
}
