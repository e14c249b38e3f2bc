package org.jvirt.protocol;

/**
 * Bytes that do not follow the protocol: a frame or string over its limit, a truncated frame,
 * a value that cannot be decoded. The message says what and where, never echoes the bytes.
 */
public class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public static ProtocolException of(String format, Object... args) {
        return new ProtocolException(String.format(format, args));
    }
}
