package org.jvirt.cli.adapt;

import java.util.Optional;

import org.jvirt.Connection;

/**
 * A driver jar's contribution of a {@link PinningProbe}, listed in
 * {@code META-INF/services/org.jvirt.cli.adapt.PinningProbeProvider} until core's SPI has one.
 */
public interface PinningProbeProvider {
    /** The probe for this connection when this provider serves its driver. */
    Optional<PinningProbe> probeFor(Connection conn);
}
