package org.jvirt.cli.adapt;

import java.util.Optional;
import java.util.ServiceLoader;

import org.jvirt.Connection;

/** Finds the probe of a connection's driver. */
@FunctionalInterface
public interface PinningProbeLocator {
    Optional<PinningProbe> find(Connection conn);

    /** Asks every {@link PinningProbeProvider} on the class path, in order. */
    static PinningProbeLocator serviceLoader() {
        return conn -> {
            for (PinningProbeProvider p : ServiceLoader.load(PinningProbeProvider.class,
                    PinningProbeLocator.class.getClassLoader())) {
                Optional<PinningProbe> probe = p.probeFor(conn);
                if (probe.isPresent()) {
                    return probe;
                }
            }
            return Optional.empty();
        };
    }
}
