package org.jvirt.protocol;

/** The {@code status} word of a header. */
public enum MessageStatus {
    OK(0),
    /** The body is a {@link org.jvirt.protocol.remote.RemoteError}. */
    ERROR(1),
    /** More stream data follows. */
    CONTINUE(2);

    private final int code;

    MessageStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MessageStatus of(int code) {
        for (MessageStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw ProtocolException.of("unknown message status %d", code);
    }
}
