package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jvirt.Connection;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.driver.qemu.QemuDriverFactory;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.linux.ProcFs;
import org.jvirt.spi.Environment;

/**
 * Real QEMU for jvirtd's tests: every directory below {@code /tmp/jvit-d}, cgroups below partition
 * {@code jvit-d}, domain names prefixed {@code jvit-d-} (swept before and after). Processes started
 * by a test (jvirsh, jvirtd) find the same settings in the qemu.conf of {@link #confDir()}.
 * Run these tests under {@code flock /work/coord/real-tests.lock} on a shared machine.
 */
final class QemuEnv {
    static final String PREFIX = "jvit-d-";
    static final String PARTITION = "jvit-d";
    static final Path ROOT = Path.of("/tmp/jvit-d");

    private QemuEnv() {
    }

    static void require() {
        Tools.requireRoot();
        boolean qemu = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "qemu-system-x86_64")));
        Tools.require(qemu, "qemu-system-x86_64", "apt-get install qemu-system-x86");
    }

    /** What the QEMU driver runs on here, for the test's report. */
    static String accelerator() {
        return Files.exists(Path.of("/dev/kvm")) ? "KVM" : "TCG";
    }

    private static String qemuConf() {
        return String.format("config_dir = \"%s/etc\"%nstate_dir = \"%s/run\"%nlog_dir = \"%s/log\"%n"
                + "cgroup_partition = \"/%s\"%nunplug_timeout = 1000%n", ROOT, ROOT, ROOT, PARTITION);
    }

    /** A JVIRT_CONF_DIR whose qemu.conf has these settings. */
    static Path confDir() throws IOException {
        Path dir = Files.createDirectories(ROOT.resolve("conf"));
        Files.writeString(dir.resolve("qemu.conf"), qemuConf());
        return dir;
    }

    /** Opens qemu:///system in this JVM with the test settings (what jvirtd holds). */
    static Connection open() {
        QemuSettings s = QemuSettings.from(org.jvirt.conf.ConfFile.parse(qemuConf(), "test qemu.conf"));
        return new ConnectionFactory(Map.of("qemu", new QemuDriverFactory(() -> s)), Environment.of(Map.of()))
                .open("qemu:///system", ConnectOptions.DEFAULT.directly());
    }

    static String xml(String name, String uuid, String vcpu) {
        return "<domain type='qemu'><name>" + name + "</name><uuid>" + uuid + "</uuid><memory unit='MiB'>64</memory>"
                + vcpu + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features></domain>";
    }

    /** Kills QEMU processes of the prefix, removes the partition's cgroups and the state under the root. */
    static void sweep() throws IOException {
        ProcFs proc = ProcFs.host();
        for (long pid : proc.pids()) {
            List<String> cmd = proc.cmdline(pid);
            if (!cmd.isEmpty() && cmd.get(0).contains("qemu-system")
                    && cmd.stream().anyMatch(a -> a.startsWith("guest=" + PREFIX))) {
                new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
            }
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end && proc.pids().stream().anyMatch(p -> proc.isRunning(p)
                && proc.cmdline(p).stream().anyMatch(a -> a.startsWith("guest=" + PREFIX)))) {
            sleep(20);
        }
        Path cg = Path.of("/sys/fs/cgroup");
        if (Files.isDirectory(cg)) {
            try (Stream<Path> hier = Files.list(cg)) {
                for (Path h : hier.toList()) {
                    delete(h.resolve(PARTITION), true);
                }
            }
        }
        delete(ROOT.resolve("run"), false);
        delete(ROOT.resolve("etc"), false);
    }

    private static void delete(Path dir, boolean dirsOnly) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!dirsOnly || Files.isDirectory(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
