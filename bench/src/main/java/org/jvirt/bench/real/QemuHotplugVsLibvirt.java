package org.jvirt.bench.real;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * vCPU hot-plug 2 -> 4 inside one process, jvirt against libvirt, iterations alternated in one
 * run: jvirt's {@code Domain.setVcpus(4, LIVE)} in this JVM ({@link QemuBenchHost}'s pinned
 * domain, started afresh each time), and libvirt's {@code dom.setVcpusFlags(4, AFFECT_LIVE)} from
 * python-libvirt on a held {@code qemu:///system} connection to libvirtd, the same domain
 * (2 current of 4 vCPUs, cpuset 0-1, vCPU 0 pinned to CPU 0, the emulator to CPU 1; libvirt's
 * default devices it adds beyond jvirt's are turned off), also created afresh each time. Only the
 * call itself is timed on each side. KVM when /dev/kvm is usable, else TCG (printed).
 *
 * <p>Both sides plug {@code SETTLE_MS} after their start call returned (default 0). On TCG the
 * first milliseconds of a guest (its firmware) slow QEMU's {@code device_add} down, and the two
 * starts return at different points after QEMU's {@code cont} (libvirt's some 5-25 ms later than
 * jvirt's here, its monitor log shows), so only a settle time longer than that compares the plugs
 * on guests of the same age (docs/benchmarks.md). Each side also reports how far its guests had
 * run when the plug began: the CPU time of their vCPU threads ({@link GuestProgress}), and the CPU
 * time the plug cost the plugging processes (this JVM's threads; libvirtd's and python's).
 * With {@code PROGRESS_MS} each side also waits until its guest's vCPU threads have run that
 * long: the plugs compare on guests at the same point of their firmware.
 * <pre>java -cp ... org.jvirt.bench.real.QemuHotplugVsLibvirt ITERATIONS PYTHON libvirt_hotplug.py [SETTLE_MS [PROGRESS_MS]]</pre>
 */
public final class QemuHotplugVsLibvirt {
    private static final int WARMUP = 2;

    private QemuHotplugVsLibvirt() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long settle = args.length > 3 ? Long.parseLong(args[3]) : 0;
        long progress = args.length > 4 ? Long.parseLong(args[4]) : 0;
        Samples jvirt = new Samples("plug 2->4 jvirt setVcpus");
        Samples libvirt = new Samples("plug 2->4 libvirt setVcpusFlags");
        Samples jvirtGuest = new Samples("guest vCPU time at plug, jvirt");
        Samples libvirtGuest = new Samples("guest vCPU time at plug, libvirt");
        Samples jvirtCpu = new Samples("CPU per plug, this JVM");
        Samples libvirtCpu = new Samples("CPU per plug, libvirtd + python");
        System.out.println("# accelerator: " + QemuBenchHost.accel() + ", plug " + settle
                + " ms after the start returned" + (progress > 0 ? " and once the guest's vCPUs ran " + progress + " ms" : "")
                + " (both sides)");
        Process py = new ProcessBuilder(args[1], args[2]).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (QemuBenchHost host = new QemuBenchHost();
                Writer toPy = new java.io.OutputStreamWriter(py.getOutputStream(), StandardCharsets.UTF_8);
                BufferedReader fromPy = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            expect(fromPy, "ready");
            Path xml = host.root.resolve("libvirt.xml");
            for (int i = -WARMUP; i < n; i++) {
                boolean keep = i >= 0;
                // alternate who goes first, so that neither always follows the other's destroy
                for (int side : i % 2 == 0 ? List.of(0, 1) : List.of(1, 0)) {
                    if (side == 0) {
                        host.jvirtPlug(keep ? jvirt : null, settle, progress, keep ? jvirtGuest : null, keep ? jvirtCpu : null);
                    } else {
                        String name = host.name("lv");
                        Files.writeString(xml, libvirtXml(name));
                        toPy.write(name + " " + xml + " " + settle + " " + progress + "\n");
                        toPy.flush();
                        String reply = fromPy.readLine();
                        if (reply == null || reply.startsWith("error")) {
                            throw new IllegalStateException("libvirt's side: " + reply);
                        }
                        if (keep) {
                            String[] f = reply.trim().split(" ");
                            libvirt.add(Long.parseLong(f[0]));
                            if (f.length > 1 && Long.parseLong(f[1]) >= 0) {
                                libvirtGuest.add(Long.parseLong(f[1]));
                            }
                            if (f.length > 2 && Long.parseLong(f[2]) >= 0) {
                                libvirtCpu.add(Long.parseLong(f[2]));
                            }
                        }
                    }
                }
            }
        } finally {
            py.destroy();
        }
        System.out.println(jvirt.line());
        System.out.println(libvirt.line());
        System.out.println(Samples.ratio("plug jvirt/libvirt", jvirt, libvirt, 1.0));
        System.out.println(jvirtGuest.line());
        System.out.println(libvirtGuest.line());
        System.out.println(jvirtCpu.line());
        System.out.println(libvirtCpu.line());
    }

    /** {@link QemuBenchHost#domainXml}'s domain for libvirt: the same, without the devices libvirt adds by default. */
    static String libvirtXml(String name) {
        return QemuBenchHost.domainXml(name).replace("</domain>",
                "<devices><emulator>" + QemuBenchHost.EMULATOR + "</emulator><controller type='usb' model='none'/>"
                        + "<memballoon model='none'/></devices></domain>");
    }

    private static void expect(BufferedReader in, String word) throws IOException {
        String l = in.readLine();
        if (!word.equals(l)) {
            throw new IllegalStateException("libvirt's side did not start: " + l);
        }
    }
}
