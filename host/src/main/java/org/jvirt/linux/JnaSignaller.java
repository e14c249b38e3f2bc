package org.jvirt.linux;

import java.util.function.Supplier;

import com.sun.jna.LastErrorException;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/** {@link ProcessSignaller} through kill(2) via JNA (libc loaded by the first signal sent). */
public final class JnaSignaller implements ProcessSignaller {
    private final Supplier<LibC> libc;

    public JnaSignaller() {
        this(LibC.lazy());
    }

    JnaSignaller(Supplier<LibC> libc) {
        this.libc = libc;
    }

    @Override
    public boolean send(long pid, Signal signal) {
        ProcessSignaller.requireProcessId(pid, signal);
        try {
            libc.get().kill((int) pid, signal.number());
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ESRCH) {
                return false;
            }
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, String.format(
                    "cannot send SIG%s to process %d: %s", signal, pid, libc.get().strerror(e.getErrorCode())), e);
        }
    }
}
