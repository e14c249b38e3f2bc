package org.jvirt.spi;

import com.google.inject.Module;

/**
 * A driver jar's Guice module, listed in {@code META-INF/services/org.jvirt.spi.DriverModule}.
 * It only binds: it adds its {@link DriverFactory} to the scheme map with
 * {@code MapBinder.newMapBinder(binder(), String.class, DriverFactory.class).addBinding("test")}
 * (see {@link DriverSchemes#bind}); no I/O, no branching on the environment.
 */
public interface DriverModule extends Module {
}
