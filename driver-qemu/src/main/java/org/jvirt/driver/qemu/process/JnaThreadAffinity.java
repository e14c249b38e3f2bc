package org.jvirt.driver.qemu.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/** {@link ThreadAffinity} through libc via JNA (a 1024-CPU mask, as glibc's cpu_set_t). */
public final class JnaThreadAffinity implements ThreadAffinity {
    private static final int WORDS = 1024 / 64;

    interface C extends Library {
        int sched_setaffinity(int pid, NativeLong size, long[] mask) throws LastErrorException;

        int sched_getaffinity(int pid, NativeLong size, long[] mask) throws LastErrorException;

        String strerror(int errnum);
    }

    private final C libc = Native.load("c", C.class);

    @Override
    public void set(long tid, CpuSet cpus) {
        long[] mask = new long[WORDS];
        cpus.stream().filter(c -> c < 1024).forEach(c -> mask[c / 64] |= 1L << (c % 64));
        try {
            libc.sched_setaffinity((int) tid, new NativeLong(WORDS * 8L), mask);
        } catch (LastErrorException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot set CPU affinity of thread %d to %s: %s", tid, cpus.format(),
                    libc.strerror(e.getErrorCode()));
        }
    }

    @Override
    public CpuSet get(long tid) {
        long[] mask = new long[WORDS];
        try {
            libc.sched_getaffinity((int) tid, new NativeLong(WORDS * 8L), mask);
        } catch (LastErrorException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot get CPU affinity of thread %d: %s", tid, libc.strerror(e.getErrorCode()));
        }
        java.util.BitSet bits = java.util.BitSet.valueOf(mask);
        return CpuSet.fromBits(bits);
    }
}
