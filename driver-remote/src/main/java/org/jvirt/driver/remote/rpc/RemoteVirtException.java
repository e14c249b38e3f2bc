package org.jvirt.driver.remote.rpc;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * An error the server sent: libvirt's message as it is, the matching {@link ErrorCode} (libvirt's
 * and jvirt's numbers agree), and libvirt's own error number and domain for codes jvirt has no
 * name for.
 */
public final class RemoteVirtException extends VirtException {
    private static final long serialVersionUID = 1L;

    private final int libvirtCode;
    private final int libvirtDomain;

    public RemoteVirtException(ErrorCode code, ErrorDomain domain, String message, int libvirtCode, int libvirtDomain,
                               Throwable cause) {
        super(code, domain, message, cause);
        this.libvirtCode = libvirtCode;
        this.libvirtDomain = libvirtDomain;
    }

    /** libvirt's {@code virErrorNumber}. */
    public int libvirtCode() {
        return libvirtCode;
    }

    /** libvirt's {@code virErrorDomain}. */
    public int libvirtDomain() {
        return libvirtDomain;
    }

    /** The same error, thrown from the calling thread (the original came from the I/O thread). */
    RemoteVirtException rethrown() {
        return new RemoteVirtException(code(), domain(), getMessage(), libvirtCode, libvirtDomain, this);
    }
}
