package org.jvirt.driver.qemu.it;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.VcpuInfo;

/**
 * A second JVM: reconnects to a running test domain, prints what it finds, then destroys it.
 * Output lines: {@code state RUNNING}, {@code vcpu ID CPUS}, {@code destroyed SHUTOFF}. With
 * {@code NAME start} it starts the defined domain instead and leaves it running
 * ({@code started RUNNING}); with {@code XML define} it defines that domain ({@code defined NAME});
 * with {@code NAME suspend} it tries to suspend the domain first ({@code suspended STATE} or
 * {@code suspend refused: MESSAGE}).
 */
public final class ReconnectMain {
    private ReconnectMain() {
    }

    public static void main(String[] args) {
        try (Connection conn = QemuTestEnv.connect()) {
            if (args.length > 1 && args[1].equals("define")) {
                System.out.println("defined " + conn.defineXml(args[0]).name());
                return;
            }
            Domain d = conn.lookupByName(args[0]);
            if (args.length > 1 && args[1].equals("start")) {
                d.start(); // and leave it running: closing the connection keeps QEMU
                System.out.println("started " + d.state().state());
                return;
            }
            System.out.println("state " + d.state().state());
            if (args.length > 1 && args[1].equals("suspend")) {
                try {
                    d.suspend();
                    System.out.println("suspended " + d.state().state());
                } catch (org.jvirt.error.VirtException e) {
                    System.out.println("suspend refused: " + e.getMessage());
                }
            }
            System.out.println("id " + d.id().orElse(-1));
            for (VcpuInfo v : d.vcpuInfo()) {
                System.out.println("vcpu " + v.vcpu() + " " + v.affinity().format());
            }
            d.destroy();
            System.out.println("destroyed " + d.state().state());
        }
    }
}
