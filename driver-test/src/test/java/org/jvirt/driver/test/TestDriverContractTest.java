package org.jvirt.driver.test;

import org.jvirt.Connection;
import org.jvirt.Jvirt;
import org.jvirt.contract.DriverContractTest;

/** The contract suite on test:///default. */
class TestDriverContractTest extends DriverContractTest {
    @Override
    protected Connection open() {
        return Jvirt.connect("test:///default");
    }

    @Override
    protected String domainXml(String name, String vcpu, String extra) {
        return "<domain type='test'><name>" + name + "</name><memory unit='MiB'>128</memory>" + vcpu + extra
                + "<os><type>hvm</type></os></domain>";
    }
}
