package org.jvirt.driver.qemu.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvirt.driver.qemu.RealHost;

/**
 * Around a class of real-QEMU tests: skips it with the reason when the host lacks QEMU, root or
 * cgroups (fails it under CI=true, see {@link RealHost}), and sweeps the test prefix's leftovers
 * ({@link QemuTestEnv#sweep}) before and after it.
 */
final class QemuSweep implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RealHost.requireRootAndCgroups();
        QemuTestEnv.sweep();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        QemuTestEnv.sweep();
    }
}
