package org.jvirt.linux;

import java.util.function.Supplier;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

import org.jvirt.driver.Lazy;

/** The few libc calls jvirt makes through JNA; errors arrive as {@link LastErrorException} (errno). */
interface LibC extends Library {
    int EPERM = 1;
    int ESRCH = 3;
    int EINVAL = 22;

    int kill(int pid, int signal) throws LastErrorException;

    int sched_setaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

    int sched_getaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

    String strerror(int errnum);

    /** Loads libc now. */
    static LibC load() {
        return Native.load("c", LibC.class);
    }

    /**
     * libc, loaded by the first call that needs it: until then neither JNA's classes nor its
     * native library are loaded (a command that sends no signal and sets no affinity never
     * pays for them).
     */
    static Supplier<LibC> lazy() {
        return Lazy.of(new Loader());
    }

    /** {@link #load()}: a class rather than a method reference, as every real host's seams make it (JDK 17 links those at run time). */
    final class Loader implements Supplier<LibC> {
        @Override
        public LibC get() {
            return load();
        }
    }
}
