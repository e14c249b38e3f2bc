package org.jvirt.spi;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provider;

/**
 * A driver jar's entry point, listed in {@code META-INF/services/org.jvirt.spi.DriverModule}:
 * the URI scheme it serves and how to make its {@link DriverFactory}. It is also a Guice module
 * that only binds (the factory into the scheme map of {@link DriverSchemes}), so an application
 * can add it to its own injector; {@code JvirtBootstrap.connectionFactory()} uses the same two
 * methods without an injector. Neither does I/O nor branches on the environment.
 */
public interface DriverModule extends Module {
    /** The scheme of the URIs this driver may serve ({@code test}, {@code qemu}, ...). */
    String scheme();

    /** A new factory; cheap: a driver's work starts when a connection is opened. */
    DriverFactory factory(Environment env);

    @Override
    default void configure(Binder binder) {
        Provider<Environment> env = binder.getProvider(Environment.class);
        DriverSchemes.bind(binder).addBinding(scheme()).toProvider(() -> factory(env.get()));
    }
}
