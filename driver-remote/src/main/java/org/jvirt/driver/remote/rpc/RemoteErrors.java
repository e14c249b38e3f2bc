package org.jvirt.driver.remote.rpc;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.protocol.remote.OwnErrorCodes;
import org.jvirt.protocol.remote.RemoteError;

/** libvirt's error replies as {@link VirtException}s. */
public final class RemoteErrors {
    private RemoteErrors() {
    }

    /**
     * {@code code} keeps libvirt's number where jvirt names it, or jvirt's own code when a jvirtd
     * sent one along ({@link OwnErrorCodes}); unknown numbers become OPERATION_FAILED.
     */
    public static RemoteVirtException of(RemoteError e) {
        ErrorCode code = OwnErrorCodes.of(e).stream().mapToObj(ErrorCode::ofNumber).filter(c -> c != null)
                .findFirst().orElseGet(() -> ErrorCode.ofNumber(e.code()));
        if (code == null || (code.number() >= 1000 && OwnErrorCodes.of(e).isEmpty())) {
            code = ErrorCode.OPERATION_FAILED;
        }
        String message = e.message().filter(m -> !m.isBlank()).orElse(code.summary());
        return new RemoteVirtException(code, domain(e.domain()), message, e.code(), e.domain(), null);
    }

    /** libvirt's {@code virErrorDomain} numbers for the parts jvirt has. */
    static ErrorDomain domain(int number) {
        return switch (number) {
            case 5 -> ErrorDomain.XML;
            case 6, 20 -> ErrorDomain.DOMAIN_CONF;
            case 9 -> ErrorDomain.CONF;
            case 10 -> ErrorDomain.QEMU;
            case 12 -> ErrorDomain.TEST;
            case 17 -> ErrorDomain.LXC;
            case 54 -> ErrorDomain.CGROUP;
            default -> ErrorDomain.CONNECT;
        };
    }

    /** An error of the connection itself (lost, closed, broken protocol). */
    public static RemoteVirtException connection(ErrorCode code, String message) {
        return new RemoteVirtException(code, ErrorDomain.CONNECT, message, code.number(), 7, null);
    }
}
