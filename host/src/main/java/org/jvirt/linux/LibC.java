package org.jvirt.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/** The few libc calls jvirt makes through JNA; errors arrive as {@link LastErrorException} (errno). */
interface LibC extends Library {
    int EPERM = 1;
    int ESRCH = 3;
    int EINVAL = 22;

    int kill(int pid, int signal) throws LastErrorException;

    int sched_setaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

    int sched_getaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

    String strerror(int errnum);

    /** Loads libc; called by the JNA implementations when first used. */
    static LibC load() {
        return Native.load("c", LibC.class);
    }
}
