package org.jvirt.bench.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.spi.Environment;
import org.jvirt.driver.qemu.QemuDriverFactory;
import org.jvirt.driver.qemu.QemuSettings;

/**
 * The QEMU side of the real-driver benchmarks: a temp root for jvirt's files, cgroup partition
 * {@code jvbench}, domain names {@code jvbench-PID-N}, the bare-QEMU peer, and a cleanup that kills
 * every QEMU of this JVM's prefix and removes the partition (also from a shutdown hook).
 */
final class QemuBenchHost implements AutoCloseable {
    static final String PARTITION = "jvbench";
    static final String EMULATOR = "/usr/bin/qemu-system-x86_64";

    final Path root;
    final String prefix = "jvbench-" + ProcessHandle.current().pid() + "-";
    private final AtomicInteger seq = new AtomicInteger();
    private final List<Process> bare = new ArrayList<>();
    private final Thread hook = new Thread(this::cleanQuietly, "jvbench-cleanup");
    Connection conn;

    QemuBenchHost() throws IOException {
        root = Files.createTempDirectory("jvbench-q.");
        Runtime.getRuntime().addShutdownHook(hook);
        QemuSettings s = QemuSettings.under(root, PARTITION, "");
        conn = new ConnectionFactory(Map.of("qemu", new QemuDriverFactory(() -> s)), Environment.of(Map.of()))
                .open("qemu:///system", ConnectOptions.DEFAULT);
    }

    String name(String what) {
        return prefix + what + seq.incrementAndGet();
    }

    Path stateDir() {
        return root.resolve("run");
    }

    /**
     * One hot-plug 2 -> 4 of a fresh {@link #domainXml} domain: define, start, {@code setVcpus(4, LIVE)}
     * (the only part timed, into {@code total} unless null; checked to leave 4 vCPUs live), destroy, undefine.
     */
    void jvirtPlug(Samples total) {
        jvirtPlug(total, 0);
    }

    /** {@link #jvirtPlug(Samples)}, the plug {@code settleMillis} after the start returned (the guest past its first steps). */
    void jvirtPlug(Samples total, long settleMillis) {
        jvirtPlug(total, settleMillis, 0, null, null);
    }

    /**
     * {@link #jvirtPlug(Samples, long)}, the plug once the guest's vCPU threads have also run
     * {@code progressMillis} ({@link GuestProgress#awaitAtLeast}); into {@code guest} unless null
     * how far they had run when the plug began, into {@code cpu} unless null the CPU time this
     * JVM used during the plug (all its threads: the JIT's and the collector's too).
     */
    void jvirtPlug(Samples total, long settleMillis, long progressMillis, Samples guest, Samples cpu) {
        String name = name("h");
        Domain d = conn.defineXml(domainXml(name));
        try {
            d.start();
            settle(settleMillis);
            long ran = guest != null || progressMillis > 0
                    ? GuestProgress.awaitAtLeast(stateDir().resolve(name + ".d").resolve("qemu.pid"), progressMillis * 1_000_000)
                    : -1;
            long self = ProcessHandle.current().pid();
            long c0 = cpu != null ? GuestProgress.processNanos(self) : -1;
            long t0 = System.nanoTime();
            d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
            long t1 = System.nanoTime();
            long c1 = cpu != null ? GuestProgress.processNanos(self) : -1;
            if (d.vcpuCount().currentLive().orElse(-1) != 4) {
                throw new IllegalStateException(name + ": " + d.vcpuCount() + " after setVcpus(4)");
            }
            if (total != null) {
                total.add(t1 - t0);
            }
            if (guest != null && ran >= 0) {
                guest.add(ran);
            }
            if (cpu != null && c0 >= 0 && c1 >= 0) {
                cpu.add(c1 - c0);
            }
        } finally {
            if (d.isActive()) {
                d.destroy();
            }
            d.undefine();
        }
    }

    private static void settle(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the domain settles", e);
        }
    }

    /** Whether QEMU runs with KVM here (/dev/kvm usable); without it the benchmarks run on TCG and say so. */
    static boolean kvm() {
        return Files.isReadable(Path.of("/dev/kvm")) && Files.isWritable(Path.of("/dev/kvm"));
    }

    /** {@code kvm} or {@code tcg}: what the figures of this run were measured on. */
    static String accel() {
        return kvm() ? "kvm" : "tcg";
    }

    /**
     * The pinned domain of the benchmarks (KVM, or TCG without /dev/kvm): 4 vCPUs, 2 online, a
     * vcpupin, an emulatorpin, 128 MiB, no disks.
     */
    static String domainXml(String name) {
        return "<domain type='" + (kvm() ? "kvm" : "qemu") + "'><name>" + name + "</name><memory unit='MiB'>128</memory>"
                + "<vcpu placement='static' cpuset='0-1' current='2'>4</vcpu>"
                + "<cputune><vcpupin vcpu='0' cpuset='0'/><emulatorpin cpuset='1'/></cputune>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features></domain>";
    }

    /** The bare peer's command line: the options jvirt passes for {@link #domainXml}, the monitor as {@code -qmp}. */
    List<String> bareArgv(String name, Path qmp, Path pidfile) {
        return List.of(EMULATOR, "-name", "guest=" + name + ",debug-threads=on", "-S",
                "-machine", "pc-i440fx-7.2,usb=off,dump-guest-core=off,memory-backend=pc.ram", "-accel", accel(),
                "-cpu", "qemu64", "-m", "128",
                "-object", "{\"qom-type\":\"memory-backend-ram\",\"id\":\"pc.ram\",\"size\":134217728}",
                "-overcommit", "mem-lock=off", "-smp", "2,maxcpus=4,sockets=4,cores=1,threads=1",
                "-display", "none", "-no-user-config", "-nodefaults",
                "-qmp", "unix:" + qmp + ",server=on,wait=off", "-rtc", "base=utc", "-no-shutdown", "-boot", "strict=on",
                "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
                "-msg", "timestamp=on", "-pidfile", pidfile.toString());
    }

    /** Starts a bare QEMU (output discarded); the caller times it and calls {@link #kill}. */
    Process spawnBare(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        synchronized (bare) {
            bare.add(p);
        }
        return p;
    }

    void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        synchronized (bare) {
            bare.remove(p);
        }
    }

    /** The cpuset hierarchy (v1) or the unified one (v2). */
    static Path cpusetRoot() {
        Path v1 = Path.of("/sys/fs/cgroup/cpuset");
        return Files.isDirectory(v1) ? v1 : Path.of("/sys/fs/cgroup");
    }

    /** Runs {@code cmd}, true when it exited 0 within 20 s. */
    static boolean runs(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        cleanQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs the same cleanup
        }
    }

    private synchronized void cleanQuietly() {
        try {
            if (conn != null) {
                for (var d : conn.listDomains()) {
                    if (d.name().startsWith(prefix)) {
                        try {
                            if (d.isActive()) {
                                d.destroy();
                            }
                            d.undefine();
                        } catch (RuntimeException e) {
                            System.err.println("cleanup of " + d.name() + ": " + e.getMessage());
                        }
                    }
                }
                conn.close();
                conn = null;
            }
        } catch (RuntimeException e) {
            System.err.println("cleanup: " + e.getMessage());
        }
        synchronized (bare) {
            bare.forEach(Process::destroyForcibly);
            bare.clear();
        }
        killLeftovers(prefix);
        removeCgroups();
        deleteTree(root);
    }

    /** SIGKILL to every process whose command line names a guest of {@code prefix}. */
    static void killLeftovers(String prefix) {
        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().map(c -> c.contains("guest=" + prefix))
                .orElse(false)).forEach(h -> {
                    h.destroyForcibly();
                    try {
                        h.onExit().get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        System.err.println("pid " + h.pid() + " did not exit: " + e);
                    }
                });
    }

    private static void removeCgroups() {
        Path cg = Path.of("/sys/fs/cgroup");
        if (!Files.isDirectory(cg)) {
            return;
        }
        try (Stream<Path> hier = Files.list(cg)) {
            for (Path h : hier.toList()) {
                Path dir = h.resolve(PARTITION);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> s = Files.walk(dir)) {
                        for (Path d : s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(d);
                        }
                    } catch (IOException e) {
                        System.err.println("cgroup " + dir + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("cgroups: " + e.getMessage());
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("cleanup of " + dir + ": " + e.getMessage());
        }
    }
}
