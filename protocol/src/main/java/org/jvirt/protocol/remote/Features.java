package org.jvirt.protocol.remote;

/** Arguments of {@code CONNECT_SUPPORTS_FEATURE} that a client asks before relying on them. */
public final class Features {
    /** The server answers and sends keepalive PINGs. */
    public static final int KEEPALIVE = 10;
    /** CONNECT_DOMAIN_EVENT_CALLBACK_* (per-callback ids in events). */
    public static final int REMOTE_EVENT_CALLBACK = 14;
    /** CONNECT_REGISTER_CLOSE_CALLBACK. */
    public static final int REMOTE_CLOSE_CALLBACK = 15;

    private Features() {
    }
}
