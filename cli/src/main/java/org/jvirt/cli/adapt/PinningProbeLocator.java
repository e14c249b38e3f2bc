package org.jvirt.cli.adapt;

import java.util.Optional;

import org.jvirt.Connection;

/** Finds the probe of a connection's driver. */
@FunctionalInterface
public interface PinningProbeLocator {
    Optional<PinningProbe> find(Connection conn);

    /**
     * The driver's own view ({@link org.jvirt.Domain#threadPlacements}); a driver without one
     * answers NO_SUPPORT when asked.
     */
    static PinningProbeLocator fromDriver() {
        return conn -> Optional.of(domain -> domain.threadPlacements().stream().map(ThreadObservation::of).toList());
    }
}
