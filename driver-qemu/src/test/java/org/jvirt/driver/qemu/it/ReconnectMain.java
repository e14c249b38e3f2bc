package org.jvirt.driver.qemu.it;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.VcpuInfo;
import org.jvirt.error.VirtException;

/**
 * A second JVM on a test domain. {@code NAME}: reconnects, prints what it finds, then destroys it
 * ({@code state RUNNING}, {@code vcpu ID CPUS}, {@code destroyed SHUTOFF}). {@code NAME start}
 * starts the defined domain and leaves it running ({@code started RUNNING}); {@code XML define}
 * defines it ({@code defined NAME}). {@code NAME reboot} tries a reboot first ({@code rebooted}
 * or {@code reboot refused: MESSAGE}), then destroys. {@code NAME pause} suspends the domain and
 * tries to plug a vCPU, {@code NAME resume} resumes it; both leave it running. {@code NAME watch}
 * prints {@code state STATE REASON} at once and again for every line read from standard input,
 * until its end.
 */
public final class ReconnectMain {
    private ReconnectMain() {
    }

    public static void main(String[] args) throws java.io.IOException {
        String mode = args.length > 1 ? args[1] : "";
        try (Connection conn = QemuTestEnv.connect()) {
            if (mode.equals("define")) {
                System.out.println("defined " + conn.defineXml(args[0]).name());
                return;
            }
            Domain d = conn.lookupByName(args[0]);
            if (mode.equals("start")) {
                d.start(); // and leave it running: closing the connection keeps QEMU
                System.out.println("started " + d.state().state());
                return;
            }
            if (mode.equals("watch")) {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                        java.nio.charset.StandardCharsets.UTF_8));
                do {
                    System.out.println("state " + d.state().state() + " " + d.state().reason());
                    System.out.flush();
                } while (in.readLine() != null);
                return;
            }
            System.out.println("state " + d.state().state());
            switch (mode) {
                case "pause" -> {
                    d.suspend();
                    System.out.println("suspended " + d.state().state());
                    attempt("setvcpus", () -> d.setVcpus(2, SetVcpusOptions.of(Affect.LIVE)));
                    return;
                }
                case "resume" -> {
                    d.resume();
                    System.out.println("resumed " + d.state().state());
                    return;
                }
                case "reboot" -> attempt("reboot", d::reboot);
                default -> {
                    System.out.println("id " + d.id().orElse(-1));
                    for (VcpuInfo v : d.vcpuInfo()) {
                        System.out.println("vcpu " + v.vcpu() + " " + v.affinity().format());
                    }
                }
            }
            d.destroy();
            System.out.println("destroyed " + d.state().state());
        }
    }

    private static void attempt(String what, Runnable r) {
        try {
            r.run();
            System.out.println(what + " done");
        } catch (VirtException e) {
            System.out.println(what + " refused: " + e.getMessage());
        }
    }
}
