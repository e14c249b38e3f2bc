package org.jvirt.driver.test;

import com.google.inject.AbstractModule;

import org.jvirt.spi.DriverModule;
import org.jvirt.spi.DriverSchemes;

/** Binds scheme {@code test} to {@link TestDriverFactory}. Nothing else. */
public final class TestDriverModule extends AbstractModule implements DriverModule {
    @Override
    protected void configure() {
        DriverSchemes.bind(binder()).addBinding("test").to(TestDriverFactory.class);
    }
}
