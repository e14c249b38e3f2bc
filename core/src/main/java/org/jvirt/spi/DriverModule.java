package org.jvirt.spi;

/**
 * A driver jar's entry point, listed in {@code META-INF/services/org.jvirt.spi.DriverModule} (and
 * as {@code provides org.jvirt.spi.DriverModule with ...} in its module descriptor): the URI scheme
 * it serves and how to make its {@link DriverFactory}. {@code JvirtBootstrap.connectionFactory()}
 * uses these two methods directly; {@code JvirtBootstrap.modules()} turns each driver into a Guice
 * module that binds its factory into the scheme map, for applications with their own injector.
 * Neither method does I/O nor branches on the environment.
 */
public interface DriverModule {
    /** The scheme of the URIs this driver may serve ({@code test}, {@code qemu}, ...). */
    String scheme();

    /** A new factory; cheap: a driver's work starts when a connection is opened. */
    DriverFactory factory(Environment env);
}
