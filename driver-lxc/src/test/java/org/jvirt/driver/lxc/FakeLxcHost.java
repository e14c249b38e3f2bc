package org.jvirt.driver.lxc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.jvirt.conf.ConfFile;
import org.jvirt.event.EventBus;
import org.jvirt.host.HostTopology;
import org.jvirt.host.probe.CommandResult;
import org.jvirt.host.probe.HostProbe;
import org.jvirt.linux.FakeAffinity;
import org.jvirt.linux.FakeProcFs;
import org.jvirt.linux.FakeProcessLauncher;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.LaunchSpec;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Signal;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.FakeCgroupTree;
import org.jvirt.model.CpuSet;
import org.jvirt.spi.DriverContext;

/**
 * A host for the LXC driver without root, namespaces or unshare, below a temp dir: a hybrid v1
 * cgroup tree (2 CPUs, one memory node, freezer), a fake /proc, a fake ticker, and a fake
 * launcher whose {@code unshare} at once has the container's init as its only child, reaching its
 * own command line and writing the waiting shell's line into the ready file, and a fake kernel
 * ({@link FakeLxcKernel}: pivot_root, sethostname and device programs noted, not done). A signal
 * to an init is the kernel's: SIGKILL (and SIGTERM unless the init ignores it) ends the init,
 * which leaves its cgroup, and unshare with 128 + the signal; {@link #initExits} ends it with its
 * own code.
 */
final class FakeLxcHost {
    static final long START_TIME = 815;
    static final HostTopology HOST = FakeCgroupTree.HYBRID_HOST;

    final Path dir;
    final FakeCgroupTree cgroups;
    final FakeProcFs proc;
    final FakeProcessLauncher launcher = new FakeProcessLauncher(40_000);
    final FakeTicker ticker = new FakeTicker();
    final FakeLxcKernel kernel = new FakeLxcKernel();
    final HostEnvironment env;
    final LxcSettings settings;
    final EventBus events = new EventBus(Executors.newSingleThreadExecutor());
    /** init pid -> its unshare. */
    private final Map<Long, FakeProcessLauncher.FakeProcess> inits = new ConcurrentHashMap<>();
    /** container name -> its current init pid. */
    private final Map<String, Long> initOf = new ConcurrentHashMap<>();
    private final AtomicLong nextInit = new AtomicLong(50_000);
    /** Whether inits survive SIGTERM (an init with a handler that ignores it). */
    volatile boolean initsIgnoreTerm;

    FakeLxcHost(Path dir) {
        this.dir = dir;
        Path root = dir.resolve("host");
        this.cgroups = FakeCgroupTree.hybrid(root);
        this.proc = new FakeProcFs(root.resolve("proc"));
        ProcessSignaller signaller = this::signal;
        HostProbe probe = new HostProbe() {
            @Override
            public HostTopology topology() {
                return HOST;
            }

            @Override
            public String hostname() {
                return "fake";
            }
        };
        this.env = new HostEnvironment(root, root.resolve("proc"), root.resolve("sys"), root.resolve("etc"), probe,
                new FakeAffinity(CpuSet.range(0, 1)), signaller, launcher,
                (argv, timeout) -> CommandResult.failedToStart("no helper commands on the fake host"), ticker);
        this.settings = LxcSettings.of(ConfFile.parse(String.join("\n", "config_dir = \"" + dir.resolve("etc") + "\"",
                "state_dir = \"" + dir.resolve("run") + "\"", "log_dir = \"" + dir.resolve("log") + "\"",
                "shutdown_timeout = 500", "destroy_timeout = 500", ""), "lxc.conf"));
        this.locks = new org.jvirt.linux.DomainLocks(settings.stateDir(), java.time.Duration.ofSeconds(30), ticker);
        launcher.onStart(this::unshareStarts);
    }

    /** unshare runs stage 2, which becomes the init at once: /proc shows both, the waiting shell said so. */
    private void unshareStarts(LaunchSpec spec, FakeProcessLauncher.FakeProcess unshare) {
        String name = spec.env().get("LIBVIRT_LXC_NAME");
        long init = nextInit.getAndIncrement();
        proc.process(unshare.pid(), START_TIME, spec.argv());
        proc.process(init, START_TIME + init, List.of("/sbin/init-of-" + name));
        proc.children(unshare.pid(), init);
        cgroups.populateV1(group(name)); // the files the kernel shows in the group made before the launch
        inits.put(init, unshare);
        initOf.put(name, init);
        unshare.whenEnded(() -> proc.exit(unshare.pid()));
        try {
            Path ready = settings.stateDir().resolve(name + ".d").resolve("ready");
            Files.createDirectories(ready.getParent());
            Files.writeString(ready, "waiting\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean signal(long pid, Signal signal) {
        FakeProcessLauncher.FakeProcess unshare = inits.get(pid);
        if (unshare == null) {
            return launcher.send(pid, signal);
        }
        if (!proc.exists(pid)) {
            return false;
        }
        if (signal == Signal.KILL || signal == Signal.TERM && !initsIgnoreTerm) {
            end(pid, 128 + signal.number());
        }
        return true;
    }

    private void end(long init, int status) {
        proc.exit(init);
        cgroups.processEnded(init);
        inits.get(init).exit(status);
    }

    /** The init of container {@code name} ends by itself with {@code status} (as unshare reports it). */
    void initExits(String name, int status) {
        end(initPid(name), status);
    }

    long initPid(String name) {
        return initOf.get(name);
    }

    /** The domain locks of this host's state directory, shared by its connections as the factory shares them. */
    private final org.jvirt.linux.DomainLocks locks;

    /** A connection to this host (lxc:///system over the fakes). */
    LxcConnection open() {
        CgroupBackend backend = env.cgroups(EnumSet.noneOf(CgroupController.class), EnumSet.noneOf(CgroupController.class));
        return LxcConnection.open(settings, env, kernel.kernel(), () -> backend, locks, new DriverContext(events, false));
    }

    static Cgroup group(String name) {
        return new CgroupLayout("/machine").container(name);
    }

    String read(String controller, String name, String file) {
        try {
            return Files.readString(cgroups.cgroupRoot().resolve(controller).resolve(group(name).path())
                    .resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean groupExists(String controller, String name) {
        return Files.isDirectory(cgroups.cgroupRoot().resolve(controller).resolve(group(name).path()));
    }

    static String xml(String name, String vcpu) {
        return "<domain type='lxc'><name>" + name + "</name><memory unit='MiB'>64</memory>" + vcpu
                + "<os><type>exe</type><init>/bin/sleep</init><initarg>1000</initarg></os></domain>";
    }
}
