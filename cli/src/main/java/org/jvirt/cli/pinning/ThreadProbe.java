package org.jvirt.cli.pinning;

import java.util.List;

import org.jvirt.Domain;
import org.jvirt.ThreadPlacement;

/**
 * The kernel's view of a running domain's threads, which {@code pincheck} compares with the
 * intended pinning: the driver's {@link Domain#threadPlacements} in production, a fake kernel in
 * tests.
 */
@FunctionalInterface
public interface ThreadProbe {
    List<ThreadPlacement> threads(Domain domain);

    /** The driver's own view; a driver without one answers NO_SUPPORT. */
    static ThreadProbe driver() {
        return Driver.INSTANCE;
    }

    /** {@link #driver()}: a class rather than a method reference, as every command's wiring makes it. */
    final class Driver implements ThreadProbe {
        private static final Driver INSTANCE = new Driver();

        private Driver() {
        }

        @Override
        public List<ThreadPlacement> threads(Domain domain) {
            return domain.threadPlacements();
        }
    }
}
