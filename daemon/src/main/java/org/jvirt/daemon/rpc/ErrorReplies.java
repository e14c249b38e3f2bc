package org.jvirt.daemon.rpc;

import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.protocol.remote.OwnErrorCodes;
import org.jvirt.protocol.remote.RemoteError;

/**
 * jvirt's errors as libvirt's {@code remote_error}: libvirt's number where jvirt's code shares it,
 * else the libvirt number a libvirt driver uses for the same kind of failure (jvirt's own number
 * travels along, see {@link OwnErrorCodes}); the message as jvirt wrote it.
 */
public final class ErrorReplies {
    /** libvirt's {@code virErrorNumber} values used here. */
    static final int VIR_ERR_INTERNAL_ERROR = 1;
    static final int VIR_ERR_NO_SUPPORT = 3;
    static final int VIR_ERR_OPERATION_DENIED = 29;
    static final int VIR_ERR_RPC = 39;
    static final int VIR_ERR_AUTH_FAILED = 45;
    /** libvirt's {@code virErrorDomain} values used here. */
    static final int VIR_FROM_NONE = 0;
    static final int VIR_FROM_RPC = 7;
    static final int VIR_FROM_DOMAIN = 20;

    private ErrorReplies() {
    }

    public static RemoteError of(VirtException e) {
        int own = e.code().number();
        RemoteError base = RemoteError.of(libvirtCode(e.code()), libvirtDomain(e.domain()), e.getMessage());
        return own >= OwnErrorCodes.FIRST ? OwnErrorCodes.with(base, own) : base;
    }

    /** An error of the RPC layer itself (bad frame, unknown program, a limit). */
    public static RemoteError rpc(String message) {
        return RemoteError.of(VIR_ERR_RPC, VIR_FROM_RPC, message);
    }

    public static RemoteError of(int code, int domain, String message) {
        return RemoteError.of(code, domain, message);
    }

    /** The libvirt number for a jvirt code: the same number below 1000, the nearest kind above. */
    static int libvirtCode(ErrorCode c) {
        if (c.number() < OwnErrorCodes.FIRST) {
            return c.number();
        }
        return switch (c.name()) {
            case "XML_INVALID", "PIN_DUPLICATE", "XML_TOO_LARGE", "INVALID_NAME", "INVALID_UUID", "INVALID_MEMORY" ->
                    ErrorCode.XML_ERROR.number();
            case "VCPU_COUNT", "VCPU_STATE", "CPUSET_SYNTAX", "CPUSET_EMPTY", "VCPU_ID", "PIN_TARGET",
                    "TUNABLE_RANGE", "HOST_CPU" -> ErrorCode.INVALID_ARG.number();
            case "NUMATUNE" -> ErrorCode.CONFIG_UNSUPPORTED.number();
            case "NOT_RUNNING", "NO_CGROUP" -> ErrorCode.OPERATION_INVALID.number();
            case "UNPLUG_TIMEOUT" -> ErrorCode.OPERATION_TIMEOUT.number();
            case "NO_HOST_DATA" -> ErrorCode.SYSTEM_ERROR.number();
            case "NUMAD" -> ErrorCode.INTERNAL_ERROR.number();
            default -> ErrorCode.OPERATION_FAILED.number();
        };
    }

    /** libvirt's {@code virErrorDomain} number for the part of jvirt that raised an error. */
    static int libvirtDomain(ErrorDomain d) {
        return switch (d) {
            case DOMAIN_CONF, PINNING -> VIR_FROM_DOMAIN;
            case XML -> 5;
            case CONF -> 9;
            case QEMU -> 10;
            case TEST -> 12;
            case LXC -> 17;
            case CGROUP -> 54;
            case HOST -> 44;
            default -> VIR_FROM_NONE;
        };
    }

    static Optional<String> message(Throwable t) {
        return Optional.ofNullable(t.getMessage()).filter(m -> !m.isBlank());
    }
}
