package org.jvirt.driver.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.jvirt.driver.qemu.monitor.FakeQmpServer;
import org.jvirt.event.EventBus;
import org.jvirt.host.HostTopology;
import org.jvirt.host.probe.CommandResult;
import org.jvirt.linux.Affinity;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.FakeAffinity;
import org.jvirt.linux.FakeProcFs;
import org.jvirt.linux.FakeProcessLauncher;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.LaunchSpec;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.linux.cgroup.FakeCgroupTree;
import org.jvirt.model.CpuSet;
import org.jvirt.spi.DriverContext;

/**
 * A host for the QEMU driver without root or QEMU, below a temp dir: a hybrid cgroup tree with 2
 * CPUs and one memory node, a fake /proc, fake affinity, a fake ticker, and a fake process
 * launcher whose "QEMU" appears in /proc with the threads of the recorded QEMU 7.2 sessions and
 * serves its monitor from a {@link FakeQmpServer} scripted with {@code qemu72-boot.replies}.
 * When that process ends, its /proc entry and its monitor go with it.
 */
final class FakeQemuHost {
    static final long START_TIME = 4711;
    static final long VCPU0 = 25384;
    static final long VCPU1 = 25385;
    static final long VCPU2 = 25387;
    /** vCPU 3's thread in {@code qemu72-hotplug-2to4.replies}; known to {@link #affinity} once a test adds it. */
    static final long VCPU3 = 25388;
    static final long IOTHREAD1 = 25381;
    static final HostTopology HOST = FakeCgroupTree.HYBRID_HOST;

    final Path dir;
    final FakeCgroupTree cgroups;
    final FakeProcFs proc;
    final FakeAffinity affinity = new FakeAffinity(CpuSet.range(0, 1));
    final FakeProcessLauncher launcher = new FakeProcessLauncher(30_000);
    final FakeTicker ticker = new FakeTicker();
    /** Shared by this host's connections, as the driver factory shares them between a JVM's connections. */
    private final DomainLocks locks;
    final HostEnvironment env;
    final QemuSettings settings;
    final EventBus events = new EventBus(Executors.newSingleThreadExecutor());
    final List<FakeQmpServer> monitors = new CopyOnWriteArrayList<>();
    /** When set, a started QEMU writes this line to its log and ends before its monitor exists. */
    volatile String failsWith;
    /** When set, the monitor answers this command with an error. */
    volatile String failingCommand;
    /** When set, runs before each affinity change the driver makes (with the thread id); may throw. */
    volatile java.util.function.LongConsumer beforeAffinity;

    FakeQemuHost(Path dir) {
        this(dir, FakeCgroupTree::hybrid);
    }

    /** A host whose cgroups {@code tree} makes below its root (a v2 tree, say). */
    FakeQemuHost(Path dir, java.util.function.Function<Path, FakeCgroupTree> tree) {
        this(dir, tree, "");
    }

    /** As above, with the qemu.conf text {@code conf} (below the test's directories). */
    FakeQemuHost(Path dir, java.util.function.Function<Path, FakeCgroupTree> tree, String conf) {
        this.dir = dir;
        Path root = dir.resolve("host");
        this.cgroups = tree.apply(root);
        this.proc = new FakeProcFs(root.resolve("proc"));
        Affinity hooked = new Affinity() {
            @Override
            public void set(long tid, CpuSet cpus) {
                java.util.function.LongConsumer hook = beforeAffinity;
                if (hook != null) {
                    hook.accept(tid);
                }
                affinity.set(tid, cpus);
            }

            @Override
            public CpuSet get(long tid) {
                return affinity.get(tid);
            }
        };
        this.env = HostEnvironment.under(root, hooked, launcher, launcher, (argv, timeout) -> CommandResult
                .failedToStart("no helper commands on the fake host: " + argv), ticker);
        this.settings = QemuSettings.under(dir, "machine", conf);
        this.locks = new DomainLocks(settings.stateDir(), Duration.ofSeconds(5), ticker);
        launcher.onStart(this::qemuStarts);
    }

    /** The fake QEMU of {@code spec}: its /proc entry, threads and monitor socket. */
    private void qemuStarts(LaunchSpec spec, FakeProcessLauncher.FakeProcess p) {
        if (failsWith != null) {
            appendLog(spec.logFile(), failsWith);
            p.exit(1);
            return;
        }
        long pid = p.pid();
        proc.process(pid, START_TIME, spec.argv(), VCPU0, VCPU1, IOTHREAD1, VCPU2);
        for (long tid : new long[] {pid, VCPU0, VCPU1, IOTHREAD1, VCPU2}) {
            affinity.thread(tid);
        }
        String chardev = spec.argv().stream().filter(a -> a.startsWith("socket,id=charmonitor,path=")).findFirst()
                .orElseThrow();
        Path socket = Path.of(chardev.substring("socket,id=charmonitor,path=".length()).split(",")[0]);
        try {
            FakeQmpServer monitor = new FakeQmpServer(socket).load("qemu72-boot.replies");
            if (failingCommand != null) {
                monitor.on(failingCommand, "{\"error\": {\"class\": \"GenericError\", \"desc\": \"refused\"}}");
            }
            monitors.add(monitor);
            p.whenEnded(() -> {
                proc.exit(pid);
                try {
                    monitor.close();
                } catch (IOException ignored) {
                    // gone already
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendLog(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection to this host (qemu:///system over the fakes). */
    QemuConnection open() {
        return QemuConnection.open(settings, env, () -> HOST, binary -> TestCaps.qemu72(),
                locks, new DriverContext(events, false));
    }

    /** A connection to this host as {@code access} says (a session's). */
    QemuConnection open(QemuAccess access) {
        return QemuConnection.open(settings, env, () -> HOST, binary -> TestCaps.qemu72(),
                locks, new DriverContext(events, false),
                access);
    }

    /** The monitor of the last QEMU started. */
    FakeQmpServer monitor() {
        return monitors.get(monitors.size() - 1);
    }

    /** The fake QEMU process of the last start. */
    FakeProcessLauncher.FakeProcess qemu() {
        List<FakeProcessLauncher.FakeProcess> all = launcher.processes();
        return all.get(all.size() - 1);
    }

    /** The cgroup {@code child} (empty: the domain's own) of domain {@code name}. */
    static Cgroup group(String name, String child) {
        Cgroup domain = new CgroupLayout("/machine").qemuDomain(name);
        return child.isEmpty() ? domain : domain.child(child);
    }

    /** A file of {@code group} in hierarchy {@code controller}, e.g. {@code cpuset}, {@code cpuset.cpus}. */
    Path file(String controller, Cgroup group, String name) {
        return cgroups.cgroupRoot().resolve(controller).resolve(group.path()).resolve(name);
    }

    String read(String controller, Cgroup group, String name) {
        try {
            return Files.readString(file(controller, group, name)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String xml(String name, String vcpu, String extra) {
        return "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>64</memory>" + vcpu + extra
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features></domain>";
    }
}
