package org.jvirt.driver.qemu;

import com.google.inject.AbstractModule;

import org.jvirt.spi.DriverModule;
import org.jvirt.spi.DriverSchemes;

/** Binds scheme {@code qemu} to {@link QemuDriverFactory}. Nothing else. */
public final class QemuDriverModule extends AbstractModule implements DriverModule {
    @Override
    protected void configure() {
        DriverSchemes.bind(binder()).addBinding("qemu").to(QemuDriverFactory.class);
    }
}
