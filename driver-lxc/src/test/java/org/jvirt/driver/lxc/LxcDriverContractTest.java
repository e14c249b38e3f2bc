package org.jvirt.driver.lxc;

import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.jvirt.Connection;
import org.jvirt.contract.DriverContractTest;

/**
 * The contract suite on real containers. A container is placed as a whole
 * (docs/lxc.md#vcpus-of-a-container): pinning, individual vCPUs and the thread views are
 * NO_SUPPORT, so the cases that need them are skipped, and the suite checks those answers.
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
    protected Set<Operation> unsupported() {
        return EnumSet.of(Operation.VCPUPIN, Operation.VCPUPIN_QUERY, Operation.EMULATORPIN,
                Operation.EMULATORPIN_QUERY, Operation.IOTHREADINFO, Operation.SETVCPUS_HOTPLUGGABLE,
                Operation.SETVCPUS_GUEST, Operation.SETVCPU, Operation.VCPUINFO, Operation.PINCHECK,
                Operation.DOMXML_TO_NATIVE);
    }
}
