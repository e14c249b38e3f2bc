package org.jvirt.connect;

/**
 * How to open a connection.
 *
 * @param readOnly look, never change
 * @param direct   open the driver in this JVM even when a jvirtd serves the URI (jvirtd itself
 *                 opens its drivers so); see docs/jvirtd.md
 */
public record ConnectOptions(boolean readOnly, boolean direct) {
    public static final ConnectOptions DEFAULT = new ConnectOptions(false, false);
    public static final ConnectOptions READ_ONLY = new ConnectOptions(true, false);

    public ConnectOptions(boolean readOnly) {
        this(readOnly, false);
    }

    /** These options, opening the driver in this JVM. */
    public ConnectOptions directly() {
        return new ConnectOptions(readOnly, true);
    }
}
