package org.jvirt.driver.lxc;

import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/** mkfifo(3) through JNA (the JDK cannot create a FIFO). */
final class Fifo {
    private Fifo() {
    }

    private interface C extends Library {
        int mkfifo(String path, int mode) throws LastErrorException;

        String strerror(int errnum);
    }

    private static final class Holder {
        static final C LIBC = Native.load("c", C.class);
    }

    /** Creates a FIFO with mode 0600. */
    static void create(Path path) {
        try {
            Holder.LIBC.mkfifo(path.toString(), 0600);
        } catch (LastErrorException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC, "cannot create the FIFO %s: %s", path,
                    Holder.LIBC.strerror(e.getErrorCode()));
        } catch (UnsatisfiedLinkError e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC, "cannot create the FIFO %s: %s", path,
                    e.getMessage());
        }
    }
}
