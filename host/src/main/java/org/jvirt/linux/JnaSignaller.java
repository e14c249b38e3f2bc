package org.jvirt.linux;

import com.sun.jna.LastErrorException;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/** {@link ProcessSignaller} through kill(2) via JNA. */
public final class JnaSignaller implements ProcessSignaller {
    private final LibC libc;

    public JnaSignaller() {
        this(LibC.load());
    }

    JnaSignaller(LibC libc) {
        this.libc = libc;
    }

    @Override
    public boolean send(long pid, Signal signal) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            // kill(0) and kill(-N) address process groups: never what a caller means here
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "cannot send SIG%s to pid %d: not a process id",
                    signal, pid);
        }
        try {
            libc.kill((int) pid, signal.number());
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ESRCH) {
                return false;
            }
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, String.format(
                    "cannot send SIG%s to process %d: %s", signal, pid, libc.strerror(e.getErrorCode())), e);
        }
    }
}
