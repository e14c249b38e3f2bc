package org.jvirt.spi;

import java.util.Optional;

/**
 * A driver's entry point, registered under its URI scheme by its {@link DriverModule}.
 * {@link #probe} must be cheap and must not change anything; {@link #open} does the work.
 */
public interface DriverFactory {
    /** A short name for messages, e.g. {@code QEMU}. */
    String name();

    /** Whether this driver takes the URI (its scheme is this driver's). */
    ProbeResult probe(ConnectUri uri);

    /** Opens a connection; only called after {@link #probe} accepted. */
    DriverConnection open(ConnectUri uri, DriverContext context);

    /**
     * Whether this driver serves URIs that name a transport or a host ({@code qemu+ssh://h/system}):
     * only such drivers are asked about them; the others are asked only about local URIs.
     */
    default boolean servesRemoteUris() {
        return false;
    }

    /**
     * The URI this driver would serve on this host when the user gives none, if it can run
     * here (last step of URI resolution).
     */
    Optional<String> hostDefaultUri();
}
