package org.jvirt.connect;

import org.jvirt.spi.Environment;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;

import org.jvirt.spi.DriverSchemes;

/**
 * Core's bindings.
 * <ul>
 *   <li>{@code Map<String, DriverFactory>}: the scheme map drivers add to (may be empty);</li>
 *   <li>{@link Environment}: defaults to {@link Environment#system()}; an application or a test
 *       overrides it with {@code OptionalBinder.newOptionalBinder(binder(), Environment.class).setBinding()};</li>
 *   <li>{@link ConnectionFactory}: through its {@code @Inject} constructor.</li>
 * </ul>
 */
public final class JvirtCoreModule extends AbstractModule {
    @Override
    protected void configure() {
        DriverSchemes.bind(binder());
        OptionalBinder.newOptionalBinder(binder(), Environment.class).setDefault().toInstance(Environment.system());
    }
}
