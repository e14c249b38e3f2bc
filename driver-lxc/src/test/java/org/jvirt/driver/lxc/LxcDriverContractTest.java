package org.jvirt.driver.lxc;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.jvirt.Connection;
import org.jvirt.contract.DriverContractTest;

/**
 * The contract suite on real containers. Documented differences: pinning is NO_SUPPORT for
 * containers (LXC.md B1), so the pinning cases are skipped via {@link #supportsPinning()}.
 */
class LxcDriverContractTest extends DriverContractTest {
    private static LxcTestHost host;

    @BeforeAll
    static void setUp() throws Exception {
        host = LxcTestHost.create(Files.createTempDirectory("jvit-lxc-contract-"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @Override
    protected Connection open() {
        return host.connect();
    }

    @Override
    protected String domainXml(String name, String vcpu, String extra) {
        return "<domain type='lxc'><name>" + name + "</name><memory unit='MiB'>64</memory>" + vcpu + extra
                + "<os><type>exe</type><init>/bin/sleep</init><initarg>1000</initarg></os></domain>";
    }

    @Override
    protected String prefix() {
        return LxcTestHost.PREFIX + "ct-";
    }

    @Override
    protected boolean supportsPinning() {
        return false;
    }
}
