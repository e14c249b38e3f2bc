package org.jvirt.driver.qemu.it;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.VcpuInfo;

/**
 * A second JVM: reconnects to a running test domain, prints what it finds, then destroys it.
 * Output lines: {@code state RUNNING}, {@code vcpu ID CPUS}, {@code destroyed SHUTOFF}.
 */
public final class ReconnectMain {
    private ReconnectMain() {
    }

    public static void main(String[] args) {
        try (Connection conn = QemuTestEnv.connect()) {
            Domain d = conn.lookupByName(args[0]);
            System.out.println("state " + d.state().state());
            System.out.println("id " + d.id().orElse(-1));
            for (VcpuInfo v : d.vcpuInfo()) {
                System.out.println("vcpu " + v.vcpu() + " " + v.affinity().format());
            }
            d.destroy();
            System.out.println("destroyed " + d.state().state());
        }
    }
}
