package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.driver.lxc.linux.LxcKernel;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NumadAdvice;
import org.jvirt.state.FileNames;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Signal;
import org.jvirt.linux.Ticker;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.state.StatusStore;
import org.jvirt.xml.DomainStatus;

/**
 * The mechanics of one container instance: bring it up (cgroup first, then the init), stop it
 * (signal, wait, kill) and tear down what it leaves (cgroup, run files, status).
 */
final class LxcLifecycle {
    private static final Duration POLL = Duration.ofMillis(1);

    private final LxcSettings settings;
    private final Supplier<CgroupBackend> cgroups;
    private final CgroupLayout layout;
    private final ProcFs procs;
    private final ProcessSignaller signals;
    private final Supplier<HostTopology> host;
    private final StatusStore statuses;
    private final LxcLauncher launcher;
    private final LxcNetwork network;
    private final Ticker ticker;
    private final LxcKernel kernel;

    LxcLifecycle(LxcSettings settings, Supplier<CgroupBackend> cgroups, CgroupLayout layout, HostEnvironment env,
                 LxcKernel kernel, Supplier<HostTopology> host, StatusStore statuses) {
        this.settings = settings;
        this.cgroups = cgroups;
        this.layout = layout;
        this.procs = env.proc();
        this.signals = env.signaller();
        this.host = host;
        this.statuses = statuses;
        this.ticker = env.ticker();
        this.kernel = kernel;
        this.launcher = new LxcLauncher(procs, env.launcher(), env.ticker(), kernel.namespaces());
        this.network = new LxcNetwork(env.commands());
    }

    Supplier<HostTopology> host() {
        return host;
    }

    CgroupBackend cgroups() {
        return cgroups.get();
    }

    Cgroup cgroupOf(String name) {
        return layout.container(name);
    }

    ProcFs procs() {
        return procs;
    }

    Path logFile(String name) {
        return settings.logDir().resolve(FileNames.component(name, ".log"));
    }

    private Path stage2() {
        return settings.stage2().orElseGet(() -> Stage2Script.install(settings.stateDir()));
    }

    /**
     * The FIFO sits in the run directory (stage 2 opens it before it changes its ids); the stage,
     * fstab files and /dev template in {@code NAME.d/}, which a container in a user namespace owns.
     */
    InitPlanner.RunFiles runFiles(String name) {
        Path dir = settings.stateDir();
        return new InitPlanner.RunFiles(dir.resolve(Stage2Script.FILE_NAME), dir.resolve(FileNames.component(name,
                ".d")), dir.resolve(FileNames.component(name, ".go")));
    }

    /** util-linux setpriv(1): beside the configured unshare(1), else in /usr/bin or /bin. */
    private String setpriv() {
        List<Path> candidates = new ArrayList<>();
        Path parent = Path.of(settings.unshare()).getParent();
        if (parent != null) {
            candidates.add(parent.resolve("setpriv"));
        }
        candidates.addAll(List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv")));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElseThrow(() ->
                VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.LXC, "containers need util-linux setpriv(1), "
                        + "found in none of %s", candidates));
    }

    /**
     * Another jvirt process may have started the container after this connection read the state
     * directory: its status names a live init. Starting over it would remove that container's
     * cgroup (and kill it), so the start is refused instead.
     */
    private void refuseIfRunningElsewhere(String name) {
        Optional<DomainStatus> s = statuses.load(name);
        if (s.isPresent() && procs.isSameProcess(s.get().pid(), s.get().startTime())) {
            throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.LXC, "container '%s' is already running "
                    + "(init pid %d, started by another jvirt process after this connection was opened): open a new "
                    + "connection to manage it", name, s.get().pid());
        }
    }

    /**
     * Starts an instance of {@code def} on the host CPUs {@code allowed}: every check first
     * (nothing exists yet), then the cgroup with all limits, then the init; on failure everything
     * created is removed again.
     */
    LxcProcess start(DomainDef def, CpuSet allowed, Optional<NumadAdvice> numad) {
        return start(def, allowed, numad, (pid, startTime) -> { });
    }

    /** What a start tells as soon as the container's init exists (before it is released). */
    @FunctionalInterface
    interface InitFound {
        void found(long initPid, long initStartTime);
    }

    /**
     * {@link #start(DomainDef, CpuSet, Optional)}, telling {@code found} the init's host pid and
     * start time once it is in its cgroup and before it is released (a start's job record notes
     * them, so that a process taking over after this one died kills exactly that init).
     */
    LxcProcess start(DomainDef def, CpuSet allowed, Optional<NumadAdvice> numad, InitFound found) {
        InitPlanner.checkSupported(def);
        LxcNetwork.checkSupported(def);
        CgroupBackend cg = cgroups.get();
        LxcCgroups.requireControllers(cg);
        LxcLimits limits = LxcLimits.of(def, def.vcpu().current(), allowed, host.get(), numad);
        Dirs.ensure(settings.stateDir());
        Dirs.ensure(settings.logDir());
        InitPlanner.RunFiles files = runFiles(def.name());
        InitSpec spec = InitPlanner.plan(def, settings.unshare(), setpriv(), new InitPlanner.RunFiles(stage2(),
                files.dir(), files.goFifo()));
        Cgroup group = cgroupOf(def.name());
        refuseIfRunningElsewhere(def.name());
        if (cg.exists(group)) {
            cg.remove(group); // a leftover of a container that died unobserved
        }
        try {
            LxcCgroups.create(cg, group, limits, kernel.devicePrograms());
            return launcher.launch(spec, cg, group, IdMap.of(def), logFile(def.name()), settings.initTimeout(),
                    init -> {
                        found.found(init, procs.startTime(init).orElse(-1));
                        network.plumb(def, init);
                    });
        } catch (RuntimeException e) {
            try {
                cg.remove(group);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            deleteStage(def.name());
            throw e;
        }
    }

    boolean isRunning(LxcProcess p) {
        return procs.isSameProcess(p.initPid(), p.startTime());
    }

    /** Sends {@code signal} to the container's init if it is still the same process. */
    void signal(LxcProcess p, Signal signal) {
        if (isRunning(p)) {
            signals.send(p.initPid(), signal);
        }
    }

    /** Waits until init is gone (and unshare reaped when it is ours); false on timeout. */
    boolean awaitExit(LxcProcess p, Duration timeout) {
        long deadline = ticker.nanoTime() + timeout.toNanos();
        if (p.process().isPresent()) {
            return p.process().get().waitFor(timeout.isZero() ? Duration.ofMillis(1) : timeout).isPresent();
        }
        while (isRunning(p)) {
            if (ticker.nanoTime() - deadline > 0) {
                return false;
            }
            ticker.sleep(POLL);
        }
        return true;
    }

    /**
     * Kills the instance: SIGKILL to init (the kernel then kills its whole pid namespace), a
     * frozen group is thawed so the kill lands; the cgroup sweep catches anything left.
     */
    void kill(LxcProcess p, Cgroup group) {
        signal(p, Signal.KILL);
        CgroupBackend cg = cgroups.get();
        if (LxcCgroups.isFrozen(cg, group)) {
            cg.thaw(group);
        }
        if (!awaitExit(p, settings.destroyTimeout())) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.LXC,
                    "container init (pid %d) did not die within %d ms of SIGKILL", p.initPid(),
                    settings.destroyTimeout().toMillis());
        }
    }

    /** Removes the cgroup (killing stragglers), the stage directory and the status files. */
    void teardown(String name, Cgroup group) {
        cgroups.get().remove(group);
        deleteStage(name);
        statuses.delete(name);
    }

    /**
     * Kills stage 2 of a start whose jvirt process died before it released it: stage 2 then waits
     * for the start signal on the domain's FIFO, outside the container's cgroup. Only a process
     * whose command line is the stage-2 script with this domain's FIFO is killed; its unshare
     * exits with it. Then the run files go.
     */
    void killUnreleased(String name) {
        InitPlanner.RunFiles files = runFiles(name);
        String go = files.goFifo().toString();
        for (long pid : procs.pids()) {
            java.util.List<String> cmd = procs.cmdline(pid);
            if (cmd.size() > 2 && cmd.contains(go) && cmd.stream().anyMatch(a -> a.endsWith(Stage2Script.FILE_NAME))) {
                signals.send(pid, Signal.KILL);
            }
        }
        try {
            Files.deleteIfExists(files.goFifo());
            Files.deleteIfExists(files.readyFile());
        } catch (IOException ignored) {
            // replaced at the next start
        }
    }

    private void deleteStage(String name) {
        try {
            StageFiles.delete(runFiles(name));
        } catch (IOException ignored) {
            // what is left is rewritten by the next start
        }
    }
}
