package org.jvirt.driver.qemu.it;

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
import org.jvirt.spi.Environment;
import org.jvirt.driver.qemu.QemuDriverFactory;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.linux.ProcFs;

/**
 * The real-QEMU test environment: every directory below one root (default
 * {@code /tmp/jvit-q}), cgroups below partition {@code jvit-q}, domain names prefixed
 * {@code jvit-q-}; {@link #sweep()} kills leftover QEMU processes of the prefix and removes
 * their cgroups and files.
 */
public final class QemuTestEnv {
    public static final String PREFIX = "jvit-q-";
    public static final String PARTITION = "jvit-q";
    public static final Path ROOT = Path.of(System.getProperty("jvit.root", "/tmp/jvit-q"));

    private QemuTestEnv() {
    }

    public static QemuSettings settings() {
        return settings("");
    }

    /** The tests' settings: every directory below {@link #ROOT}, cgroups under {@link #PARTITION}, plus {@code conf}. */
    public static QemuSettings settings(String conf) {
        return QemuSettings.under(ROOT, PARTITION, "unplug_timeout = 1000\n" + conf);
    }

    public static Connection connect() {
        return connect(settings());
    }

    public static Connection connect(QemuSettings s) {
        return new ConnectionFactory(Map.of("qemu", new QemuDriverFactory(() -> s)), Environment.of(Map.of()))
                .open("qemu:///system", ConnectOptions.DEFAULT);
    }

    /** Kills QEMU processes of the prefix, removes the test partition's cgroups and the test root. */
    public static void sweep() throws IOException {
        ProcFs proc = ProcFs.host();
        for (long pid : proc.pids()) {
            List<String> cmd = proc.cmdline(pid);
            if (!cmd.isEmpty() && cmd.get(0).contains("qemu-system") && cmd.stream()
                    .anyMatch(a -> a.startsWith("guest=" + PREFIX))) {
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
                    removeCgroupTree(h.resolve(PARTITION));
                }
            }
        }
        deleteTree(ROOT.resolve("run"));
        deleteTree(ROOT.resolve("etc"));
    }

    private static void removeCgroupTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path d : s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(d);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.getFileName().toString().startsWith("caps-") && !p.endsWith("capabilities")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // the capabilities cache stays, on purpose
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bootable-nothing domain: QEMU sits in the BIOS. */
    public static String domainXml(String name, String type, String vcpu, String extra) {
        return "<domain type='" + type + "'><name>" + name + "</name><memory unit='MiB'>64</memory>" + vcpu + extra
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features></domain>";
    }
}
