package org.jvirt.driver.lxc;

import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.DriverModule;
import org.jvirt.spi.Environment;

/** Scheme {@code lxc}, served by {@link LxcDriverFactory}. */
public final class LxcDriverModule implements DriverModule {
    @Override
    public String scheme() {
        return "lxc";
    }

    @Override
    public DriverFactory factory(Environment env) {
        return new LxcDriverFactory(env);
    }
}
