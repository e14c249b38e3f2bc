package org.jvirt.driver.lxc;

import com.google.inject.AbstractModule;

import org.jvirt.spi.DriverModule;
import org.jvirt.spi.DriverSchemes;

/** Binds scheme {@code lxc} to {@link LxcDriverFactory}. Nothing else. */
public final class LxcDriverModule extends AbstractModule implements DriverModule {
    @Override
    protected void configure() {
        DriverSchemes.bind(binder()).addBinding("lxc").to(LxcDriverFactory.class);
    }
}
