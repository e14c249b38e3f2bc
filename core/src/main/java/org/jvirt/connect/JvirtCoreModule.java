package org.jvirt.connect;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;

import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.DriverModule;
import org.jvirt.spi.Environment;

/**
 * Core's bindings.
 * <ul>
 *   <li>{@code Map<String, DriverFactory>}: the scheme map drivers add to (may be empty);</li>
 *   <li>{@link Environment}: defaults to {@link Environment#system()}; an application or a test
 *       overrides it with {@code OptionalBinder.newOptionalBinder(binder(), Environment.class).setBinding()};</li>
 *   <li>{@link ConnectionFactory}: through its {@code @Inject} constructor.</li>
 * </ul>
 * Guice is an optional dependency of core: this class and {@link #driver} are only loaded on the
 * Guice path ({@link JvirtBootstrap#modules()}).
 */
public final class JvirtCoreModule extends AbstractModule {
    public JvirtCoreModule() {
    }

    @Override
    protected void configure() {
        schemes(binder());
        OptionalBinder.newOptionalBinder(binder(), Environment.class).setDefault().toInstance(Environment.system());
    }

    /** A Guice module that only binds {@code driver}'s factory into the scheme map, under its scheme. */
    public static Module driver(DriverModule driver) {
        return binder -> {
            Provider<Environment> env = binder.getProvider(Environment.class);
            schemes(binder).addBinding(driver.scheme()).toProvider(() -> driver.factory(env.get()));
        };
    }

    private static MapBinder<String, DriverFactory> schemes(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, DriverFactory.class);
    }
}
