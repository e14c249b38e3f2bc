package org.jvirt.protocol;

/** The {@code type} word of a header. */
public enum MessageType {
    CALL(0),
    REPLY(1),
    /** An asynchronous message: an event, a keepalive ping or pong. */
    MESSAGE(2),
    STREAM(3),
    CALL_WITH_FDS(4),
    REPLY_WITH_FDS(5),
    STREAM_HOLE(6);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MessageType of(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw ProtocolException.of("unknown message type %d", code);
    }
}
