package org.jvirt.driver.qemu;

import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.DriverModule;
import org.jvirt.spi.Environment;

/** Scheme {@code qemu}, served by {@link QemuDriverFactory}. */
public final class QemuDriverModule implements DriverModule {
    @Override
    public String scheme() {
        return "qemu";
    }

    @Override
    public DriverFactory factory(Environment env) {
        return QemuDriverFactory.of(env);
    }
}
