package org.jvirt.linux;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jvirt.host.probe.CommandRunner;
import org.jvirt.host.probe.HostProbe;
import org.jvirt.host.probe.SystemHostProbe;
import org.jvirt.host.probe.ProcessCommandRunner;
import org.jvirt.host.probe.SysfsHostProbe;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupBackends;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.CgroupMounts;

/**
 * Everything through which a real driver reaches the host, as one value: the file system roots
 * ({@code /proc}, {@code /sys}, {@code /etc}, and the root below which the cgroup mounts of
 * {@code proc/self/mountinfo} and device nodes are found), the host probe, thread affinity,
 * signals, process launches, helper commands and the clock of polling loops. {@link #system()}
 * is the real host; tests pass fakes ({@link #under} a temp dir with fake affinity, launcher and
 * ticker), so that a driver's orchestration runs without root.
 *
 * @param root      where absolute host paths are looked up ({@code /}): cgroup mounts, device nodes
 * @param procRoot  the procfs mount ({@code /proc})
 * @param sysRoot   the sysfs mount ({@code /sys})
 * @param etcRoot   {@code /etc} (passwd and group of qemu.conf's user and group)
 */
public record HostEnvironment(Path root, Path procRoot, Path sysRoot, Path etcRoot, HostProbe probe, Affinity affinity,
                              ProcessSignaller signaller, ProcessLauncher launcher, CommandRunner commands,
                              Ticker ticker) {
    public HostEnvironment {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(sysRoot, "sysRoot");
        Objects.requireNonNull(etcRoot, "etcRoot");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(affinity, "affinity");
        Objects.requireNonNull(signaller, "signaller");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * This host: {@code /}, sysfs (OSHI where it falls short), sched_setaffinity (where
     * {@code /proc} shows a thread's CPUs differ) and kill(2) (SIGTERM and SIGKILL through the
     * JDK's process handles, the other signals through JNA), real processes. Nothing is probed
     * or loaded here: the probe reads with the first question to it, JNA and libc start with the
     * first affinity call that changes something or the first signal the JDK does not send.
     */
    public static HostEnvironment system() {
        Supplier<LibC> libc = LibC.lazy();
        ProcessSignaller signals = new ProcessHandleSignaller(new JnaSignaller(libc));
        Path root = Path.of("/");
        Path proc = root.resolve("proc");
        Affinity affinity = new ProcCheckedAffinity(new ProcFs(proc),
                new JnaAffinity(libc, Runtime.getRuntime().availableProcessors()));
        return new HostEnvironment(root, proc, root.resolve("sys"), root.resolve("etc"), SystemHostProbe.system(),
                affinity, signals, new RealProcessLauncher(signals), new ProcessCommandRunner(), Ticker.SYSTEM);
    }

    /**
     * {@link #system()} as a supplier, asked when a driver first needs the host. A class rather
     * than a method reference: drivers' factories are made on every connection's start, and on
     * JDK 17 the first lambda a process links sets up the JDK's method handles (docs/benchmarks.md).
     */
    public static Supplier<HostEnvironment> systemSupplier() {
        return SystemSupplier.INSTANCE;
    }

    private static final class SystemSupplier implements Supplier<HostEnvironment> {
        private static final SystemSupplier INSTANCE = new SystemSupplier();

        @Override
        public HostEnvironment get() {
            return system();
        }
    }

    /**
     * A host whose files are below {@code root} ({@code root/proc}, {@code root/sys},
     * {@code root/etc}; the topology read from {@code root/sys} by {@link SysfsHostProbe}),
     * with the given seams: what tests build over a temp dir.
     */
    public static HostEnvironment under(Path root, Affinity affinity, ProcessSignaller signaller,
                                        ProcessLauncher launcher, CommandRunner commands, Ticker ticker) {
        return new HostEnvironment(root, root.resolve("proc"), root.resolve("sys"), root.resolve("etc"),
                new SysfsHostProbe(root), affinity, signaller, launcher, commands, ticker);
    }

    /** {@code /proc}. */
    public ProcFs proc() {
        return new ProcFs(procRoot);
    }

    /** Where the host mounts its cgroups ({@code root/proc/self/mountinfo}). */
    public CgroupMounts cgroupMounts() {
        return CgroupMounts.detect(root);
    }

    /**
     * The cgroup backend of this host restricted to {@code wanted} (empty: every available
     * controller), with this environment's signaller and ticker; see {@link CgroupBackends#open}.
     */
    public CgroupBackend cgroups(Set<CgroupController> wanted, Set<CgroupController> required) {
        return CgroupBackends.open(cgroupMounts(), wanted, required, signaller, ticker);
    }
}
