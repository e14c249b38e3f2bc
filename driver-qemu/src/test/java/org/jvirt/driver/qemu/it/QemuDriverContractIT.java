package org.jvirt.driver.qemu.it;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtendWith;
import org.jvirt.Connection;
import org.jvirt.contract.DriverContractTest;
import org.jvirt.driver.qemu.RealHost;

/**
 * The contract suite on qemu:///system with real QEMU processes (no guest OS: QEMU sits in the
 * firmware). Live unplug is left out ({@link #supportsLiveUnplug}): it needs a guest that ejects
 * the CPU through ACPI, which a firmware-only domain never does (docs/qemu.md#live-operations); the unplug path is
 * covered with the scripted QMP server in VcpuDevicesTest. Every started domain is checked for
 * drift between its resolved pinning and what the kernel enforces. Gated and swept by {@link QemuSweep}.
 */
@ExtendWith(QemuSweep.class)
class QemuDriverContractIT extends DriverContractTest {
    @Override
    protected Connection open() {
        return QemuTestEnv.connect();
    }

    @Override
    protected String prefix() {
        return QemuTestEnv.PREFIX + "ct-";
    }

    @Override
    protected String domainXml(String name, String vcpu, String extra) {
        return QemuTestEnv.domainXml(name, RealHost.kvm() ? "kvm" : "qemu", vcpu, extra);
    }

    /** QEMU has a native format (domxml-to-native); no guest agent and no namespaces to enter. */
    @Override
    protected Set<Operation> unsupported() {
        return EnumSet.of(Operation.SETVCPUS_GUEST, Operation.ENTER_NAMESPACE);
    }

    /** vCPU unplug needs a guest OS that ejects the CPU through ACPI; a firmware-only QEMU never does. */
    @Override
    protected boolean supportsLiveUnplug() {
        return false;
    }
}
