package org.jvirt.driver.test;

import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.DriverModule;
import org.jvirt.spi.Environment;

/** Scheme {@code test}, served by {@link TestDriverFactory}. */
public final class TestDriverModule implements DriverModule {
    @Override
    public String scheme() {
        return "test";
    }

    @Override
    public DriverFactory factory(Environment env) {
        return new TestDriverFactory();
    }
}
