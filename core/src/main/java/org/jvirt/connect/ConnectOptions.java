package org.jvirt.connect;

/** How to open a connection. */
public record ConnectOptions(boolean readOnly) {
    public static final ConnectOptions DEFAULT = new ConnectOptions(false);
    public static final ConnectOptions READ_ONLY = new ConnectOptions(true);
}
