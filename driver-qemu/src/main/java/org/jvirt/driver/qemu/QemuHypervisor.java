package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.jvirt.StateInfo;
import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuInfo;
import org.jvirt.driver.qemu.capabilities.CapabilitiesProbe;
import org.jvirt.driver.qemu.capabilities.QemuCaps;
import org.jvirt.driver.qemu.cgroup.DeviceAcl;
import org.jvirt.driver.qemu.cgroup.DeviceNodes;
import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.cgroup.DomainLimits;
import org.jvirt.driver.qemu.command.CommandOptions;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuPaths;
import org.jvirt.driver.qemu.hotplug.VcpuHotplug;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.driver.qemu.process.ProcessKiller;
import org.jvirt.driver.qemu.process.QemuUser;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.linux.Affinity;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.ProcFs;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.MigrationPrimer;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.linux.cgroup.Controller;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.OsDef;
import org.jvirt.model.VcpuEntry;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.state.DomainList;
import org.jvirt.state.DomainWatcher;
import org.jvirt.state.Hypervisor;
import org.jvirt.xml.DomainXml;

/**
 * QEMU/KVM domains (QEMU.md): spawn into cgroups, QMP, per-thread cgroups and affinity, hotplug,
 * stop, crash detection. Every method runs inside the domain's job and holds its lock file.
 */
public final class QemuHypervisor implements Hypervisor<QemuRuntime> {
    private final QemuSettings settings;
    private final HostTopology host;
    private final CapabilitiesProbe probe;
    private final Supplier<CgroupBackend> cgroups;
    private final Affinity affinity;
    private final ProcFs proc;
    private final ProcessSignaller signals;
    private final ProcessKiller killer;
    private final StateFiles files;
    private final DomainLocks locks;
    private final DomainList<?> domains;
    private final DeviceNodes deviceNodes;
    /** Where the user and group of qemu.conf are looked up ({@code /etc}). */
    private final Path etc;
    private final DomainXml xml = new DomainXml();
    private final QemuExits exits;
    private final Monitors monitors;

    public QemuHypervisor(QemuSettings settings, HostTopology host, CapabilitiesProbe probe,
                          Supplier<CgroupBackend> cgroups, Affinity affinity, ProcFs proc,
                          ProcessSignaller signals, DomainLocks locks, DomainList<?> domains, DeviceNodes deviceNodes,
                          Path etc) {
        this.settings = settings;
        this.host = host;
        this.probe = probe;
        this.cgroups = cgroups;
        this.affinity = affinity;
        this.proc = proc;
        this.signals = signals;
        this.killer = new ProcessKiller(signals, proc);
        this.files = new StateFiles(settings.configDir(), settings.stateDir());
        this.locks = locks;
        this.domains = domains;
        this.deviceNodes = deviceNodes;
        this.etc = etc;
        this.exits = new QemuExits(settings, files, locks, killer, signals);
        this.monitors = new Monitors(settings, files, proc);
    }

    /** Whole jobs hold the domain's lock file too, so another JVM's jobs wait (QEMU.md 7). */
    @Override
    public JobGuard jobGuard(String name) {
        DomainLocks.Held held = locks.acquire(name);
        return () -> {
            monitors.endJob(name);
            held.close();
        };
    }

    StateFiles files() {
        return files;
    }

    /** What happens when a QEMU of this driver ends (monitor events, reaping, connection close). */
    QemuExits exits() {
        return exits;
    }

    @Override
    public String type() {
        return "QEMU";
    }

    private String binary(DomainDef def) {
        return def.devices().emulator().orElse(settings.emulator());
    }

    /**
     * As libvirt's QEMU driver fills in a definition: the guest NUMA cells give the memory size
     * and take every vCPU ({@link DomainDef#withGuestNumaFilledIn}); the canonical machine type
     * ({@code pc} becomes {@code pc-i440fx-7.2}), when QEMU can be probed.
     */
    @Override
    public DomainDef postParse(DomainDef parsed) {
        DomainDef def = parsed.withGuestNumaFilledIn();
        QemuCaps caps;
        try {
            caps = probe.probe(binary(def));
        } catch (VirtException e) {
            return def; // validate() reports it at start
        }
        OsDef.OsType t = def.os().type();
        String machine = t.machine().map(m -> caps.machines().getOrDefault(m, m)).orElse(caps.defaultMachine());
        OsDef.OsType nt = new OsDef.OsType(t.name(), Optional.of(t.arch().orElse("x86_64")), Optional.of(machine),
                t.extras());
        OsDef os = def.os();
        return def.toBuilder().os(new OsDef(nt, os.loader(), os.nvram(), os.kernel(), os.initrd(), os.cmdline(),
                os.bootDevices(), os.init(), os.initArgs(), os.initEnv(), os.initDir(), os.initUser(), os.extras()))
                .build();
    }

    @Override
    public void validate(DomainDef def) {
        if (!def.type().equals("kvm") && !def.type().equals("qemu")) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "domain type '%s' is not supported by the QEMU driver (it takes kvm or qemu)", def.type());
        }
        if (!def.os().type().name().equals("hvm")) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "os type '%s' is not supported by the QEMU driver (hvm only)", def.os().type().name());
        }
    }

    private QemuCaps caps(DomainDef def) {
        QemuCaps caps = probe.probe(binary(def));
        String machine = QemuCommand.machineType(def, caps);
        if (def.vcpu().max() > caps.maxCpus(machine)) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "vcpu: maximum %d exceeds the %d vCPUs machine type %s supports", def.vcpu().max(),
                    caps.maxCpus(machine), machine);
        }
        if (def.type().equals("kvm") && !caps.kvm()) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "domain type 'kvm' needs KVM, which %s cannot use on this host (use type='qemu' for TCG)",
                    caps.binary());
        }
        return caps;
    }

    @Override
    public ValidationContext validationContext(DomainDef def) {
        return ValidationContext.qemu();
    }

    @Override
    public boolean cpuControllerAvailable() {
        try {
            return cgroups.get().has(Controller.CPU);
        } catch (VirtException e) {
            return false;
        }
    }

    DomainCgroups cgroupsOf(String name) {
        return new DomainCgroups(cgroups.get(), affinity,
                new CgroupLayout(settings.cgroupPartition()).qemuDomain(name));
    }

    // ---------------------------------------------------------------- start

    @Override
    public Started<QemuRuntime> start(String name, DomainDef def, EffectivePinning pinning, boolean paused,
                                      DomainWatcher watcher) {
        try (DomainLocks.Held l = locks.acquire(name)) {
            Optional<CpuSet> numadNodes = StartSteps.numadNodes(pinning, host);
            Optional<CpuSet> mems = StartSteps.mems(def, numadNodes);
            StateFiles.ensureDir(settings.stateDir());
            Path sock = files.monitorSocket(name);
            Path pidFile = files.pidFile(name);
            Path log = settings.logDir().resolve(StateFiles.fileName(name) + ".log");
            QemuUser user = QemuUser.resolve(settings.user(), settings.group(), etc);
            refuseIfRunningElsewhere(name);
            DomainCgroups cg = cgroupsOf(name);
            QemuRuntime rt = null;
            Process process = null;
            MigrationPrimer.Session warm = null;
            try {
                cg.remove();
                cg.prepare(def.cputune(), pinning.emulator(), mems, new DomainLimits(settings.maxThreadsPerProcess(),
                        DeviceAcl.rules(settings.deviceAcl(), def, deviceNodes)));
                StartSteps.prepareThreadGroups(cg, def, pinning, mems);
                // the primer's first move waits out the grace period while the work below (no cgroup
                // lock, no fork) is done; the wrapper's fork waits for the rest of it. The lock then
                // stays warm through QEMU's start-up, so placing the threads waits for nothing
                warm = new MigrationPrimer(cg.backend(), proc).keepWarm();
                files.prepareDomainDir(name, user);
                QemuCaps caps = caps(def);
                QemuPaths paths = new QemuPaths(sock, Optional.of(files.jobsSocket(name)), Optional.of(pidFile));
                List<String> argv = QemuCommand.argv(def, caps, paths,
                        new CommandOptions(settings.setProcessName(), numadNodes, settings.sandbox()));
                process = QemuLauncher.spawn(cg.spawnProcsFiles(), argv, environment(), log,
                        settings.maxProcesses(), settings.maxFiles(), user);
                Process p = process;
                long pid = p.pid();
                long startTicks = proc.startTime(pid).orElseThrow(() -> failed(name, log, null));
                rt = new QemuRuntime(name, pid, startTicks, sock, cg, mems, numadNodes);
                rt.watcher = watcher;
                rt.tune = def.cputune();
                rt.monitorHold = DomainLockFile.tryAcquire(files.monitorLock(name)).orElse(null);
                rt.qmp = QmpClient.connect(sock, settings.monitorConnectTimeout(), settings.monitorCommandTimeout(),
                        exits.listener(rt), p::isAlive);
                // sent with the vCPU queries: its reply is not needed before theirs
                QmpClient.Pending iothreads = rt.qmp.submit("query-iothreads", null);
                StartSteps.bootHotplug(rt, def);
                StartSteps.placeThreads(rt, def, pinning, proc, iothreads);
                warm.close();
                if (!paused) {
                    QemuRuntime.runCounted(rt, rt.qmp, "cont", rt.ownResumes);
                }
                exits.track(rt);
                return new Started<>(rt, StartSteps.withOrders(def, rt.entities));
            } catch (RuntimeException e) {
                if (warm != null) {
                    warm.close();
                }
                rollback(rt, process, cg, name);
                if (process != null && !process.isAlive() && !(e instanceof VirtException v && v.code() != ErrorCode.OPERATION_FAILED
                        && v.code() != ErrorCode.OPERATION_TIMEOUT)) {
                    throw failed(name, log, e);
                }
                throw e;
            }
        }
    }

    /**
     * Another jvirt process may have started the domain after this connection read the state
     * directory: its status file names a live QEMU. Starting over it would remove that QEMU's
     * cgroups (and kill it), so the start is refused instead.
     */
    private void refuseIfRunningElsewhere(String name) {
        Optional<QemuStatus> s = files.readStatus(files.statusFile(name));
        if (s.isPresent() && killer.isSame(s.get().pid(), s.get().startTicks())) {
            throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "domain '%s' is already running "
                    + "(QEMU pid %d, started by another jvirt process after this connection was opened): open a new "
                    + "connection to manage it", name, s.get().pid());
        }
    }

    private static VirtException failed(String name, Path log, RuntimeException cause) {
        String tail = QemuLauncher.tail(log, 5);
        return VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "QEMU for domain '%s' exited during "
                + "start%s%s", name, cause == null ? "" : " (" + cause.getMessage() + ")",
                tail.isEmpty() ? "" : "; its log " + log + " ends with:\n" + tail);
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LC_ALL", "C");
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", settings.stateDir().toString());
        return env;
    }

    private void rollback(QemuRuntime rt, Process process, DomainCgroups cg, String name) {
        if (rt != null) {
            rt.stopping.set(true);
            rt.closeMonitor();
        }
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            cg.remove();
        } catch (VirtException ignored) {
            // best effort: the original error matters more
        }
        files.removeDomainDir(name);
        StateFiles.delete(files.statusFile(name));
        if (rt != null) {
            rt.cleaned.set(true);
        }
    }

    // ---------------------------------------------------------------- stop

    @Override
    public void destroy(QemuRuntime rt) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            rt.stopping.set(true);
            killer.kill(rt.pid, rt.startTicks, settings.destroyGrace(), settings.destroyTimeout());
            exits.cleanup(rt);
        }
    }

    /** SIGTERM and graceful_destroy_timeout for QEMU to end; no SIGKILL (QEMU.md 8, --graceful). */
    @Override
    public void destroyGracefully(QemuRuntime rt) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            rt.stopping.set(true);
            if (!killer.terminate(rt.pid, rt.startTicks, settings.gracefulDestroyTimeout())) {
                rt.stopping.set(false);
                throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.QEMU, "QEMU process %d of domain '%s' "
                        + "did not end within %d ms of SIGTERM (graceful_destroy_timeout); destroy --graceful sends "
                        + "no SIGKILL, the domain is still running", rt.pid, rt.name,
                        settings.gracefulDestroyTimeout().toMillis());
            }
            exits.cleanup(rt);
        }
    }

    /** Only the connection holding the monitor gets QEMU's events. */
    @Override
    public boolean hearsChanges(QemuRuntime rt) {
        QmpClient q = rt.qmp;
        return q != null && q.isOpen();
    }

    @Override
    public boolean shutdown(QemuRuntime rt) {
        // the guest's SHUTDOWN event reaches the holder of the monitor, which ends QEMU
        monitors.forJob(rt).execute("system_powerdown");
        return false;
    }

    @Override
    public void reboot(QemuRuntime rt) {
        QmpClient q = monitors.held(rt, "reboot");
        rt.fakeReboot = true;
        q.execute("system_powerdown");
    }

    @Override
    public void suspend(QemuRuntime rt) {
        QemuRuntime.runCounted(rt, monitors.forJob(rt), "stop", rt.ownStops);
    }

    @Override
    public void resume(QemuRuntime rt) {
        QemuRuntime.runCounted(rt, monitors.forJob(rt), "cont", rt.ownResumes);
    }

    @Override
    public long cpuTimeNanos(QemuRuntime rt) {
        return proc.stat(rt.pid, rt.pid).map(ProcFs.Stat::cpuTimeNanos).orElse(0L);
    }

    // ---------------------------------------------------------------- live pinning and vCPUs

    @Override
    public void applyVcpuPin(QemuRuntime rt, int vcpu, CpuSet cpus) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            Long tid = rt.vcpuThreads().get(vcpu);
            if (tid == null) {
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU,
                        "vCPU %d of domain '%s' has no thread of its own: no per-vCPU affinity", vcpu, rt.name);
            }
            rt.cgroups.repinThread(rt.cgroups.vcpu(vcpu), tid, cpus);
        }
    }

    @Override
    public void applyEmulatorPin(QemuRuntime rt, CpuSet cpus) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            rt.cgroups.repinEmulator(rt.pid, cpus);
        }
    }

    @Override
    public void applyIothreadPin(QemuRuntime rt, int iothread, CpuSet cpus) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            Long tid = rt.iothreadTids.get(iothread);
            if (tid == null) {
                throw VirtException.of(ErrorCode.PIN_TARGET, ErrorDomain.QEMU, "iothreadpin: no I/O thread %d",
                        iothread);
            }
            rt.cgroups.repinThread(rt.cgroups.iothread(iothread), tid, cpus);
        }
    }

    @Override
    public void plugVcpu(QemuRuntime rt, int vcpu, CpuSet cpus) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            CgroupBackend b = rt.cgroups.backend();
            Optional<CpuSet> oldMems = Optional.empty();
            if (b.has(Controller.CPUSET) && rt.mems.isPresent()) {
                oldMems = Optional.of(b.mems(rt.cgroups.emulator()));
                b.setMems(rt.cgroups.emulator(), host.cellsWithMemory(host.cells().stream()
                        .map(c -> CpuSet.of(c.id())).reduce(CpuSet.EMPTY, CpuSet::union)));
            }
            try {
                rt.entities = new VcpuHotplug(monitors.held(rt, "a vCPU plug"), rt.pid).plug(rt.entities, vcpu);
                Long tid = rt.entities.threadIds().get(vcpu);
                if (tid != null) {
                    ResolvedSet set = new ResolvedSet(cpus, cpus.equals(host.online())
                            ? ResolvedSet.Reason.ALL_HOST_CPUS : ResolvedSet.Reason.EXPLICIT_PIN);
                    rt.cgroups.placeVcpu(vcpu, tid, set, rt.tune, rt.mems);
                }
            } finally {
                oldMems.ifPresent(m -> b.setMems(rt.cgroups.emulator(), m));
            }
        }
    }

    @Override
    public void unplugVcpu(QemuRuntime rt, int vcpu) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            rt.entities = new VcpuHotplug(monitors.held(rt, "a vCPU unplug"), rt.pid).unplug(rt.entities, vcpu,
                    settings.unplugTimeout());
            try {
                rt.cgroups.removeVcpu(vcpu);
            } catch (VirtException ignored) {
                // the thread is gone; an empty leftover group goes with the domain's
            }
        }
    }

    @Override
    public boolean canUnplug(DomainDef live, int vcpu) {
        VcpuEntry e = live.vcpu().entry(vcpu);
        return e.enabled() && e.hotpluggable();
    }

    /** What the kernel enforces for every QEMU thread: status file, /proc and the cpuset cgroups. */
    @Override
    public List<ThreadPlacement> threadPlacements(QemuRuntime rt, DomainDef live) {
        return new QemuPinningProbe(settings.stateDir(), proc, Path.of("/sys/fs/cgroup")).probe(rt.name());
    }

    @Override
    public List<VcpuInfo> vcpuInfo(QemuRuntime rt, DomainDef live) {
        List<VcpuInfo> out = new ArrayList<>();
        Map<Integer, Long> tids = rt.vcpuThreads();
        for (int id = 0; id < live.vcpu().max(); id++) {
            if (!live.vcpu().isOnline(id)) {
                continue;
            }
            long tid = tids.getOrDefault(id, rt.pid);
            Optional<ProcFs.Stat> st = proc.stat(rt.pid, tid);
            CpuSet aff = ProcFs.ifReadable(() -> proc.cpusAllowed(rt.pid, tid)).orElse(CpuSet.EMPTY).below(host.cpuMapWidth());
            out.add(new VcpuInfo(id, st.map(s -> OptionalInt.of(s.lastCpu())).orElse(OptionalInt.empty()),
                    Optional.of("running"), st.map(ProcFs.Stat::cpuTimeNanos).orElse(0L), aff));
        }
        return out;
    }

    // ---------------------------------------------------------------- files

    @Override
    public void saveStatus(String name, DomainDef live, QemuRuntime rt) {
        rt.tune = live.cputune();
        int id = 0;
        StateInfo state = new StateInfo(DomainState.RUNNING, StateReason.UNKNOWN);
        try {
            // saveStatus runs inside the domain's job, so its object may be read
            var obj = domains.requireName(name);
            id = obj.id().orElse(0);
            state = obj.state();
        } catch (VirtException | IllegalStateException e) {
            // not (yet) in the list: a running domain with no id
        }
        files.writeStatus(new QemuStatus(name, id, rt.pid, rt.startTicks, rt.monitor.toString(), rt.cgroup(),
                rt.vcpuThreads(), rt.iothreadThreads(), rt.numadNodes.map(CpuSet::format).orElse(""), live, state));
    }

    @Override
    public void saveConfig(DomainDef def) {
        files.configs().save(def.name(), xml.write(def));
    }

    @Override
    public void deleteConfig(DomainDef def) {
        files.configs().delete(def.name());
    }

    Duration unplugTimeout() {
        return settings.unplugTimeout();
    }
}
