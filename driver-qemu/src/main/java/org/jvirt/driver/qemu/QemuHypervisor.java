package org.jvirt.driver.qemu;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jvirt.driver.Capabilities;
import org.jvirt.driver.Hypervisor;
import org.jvirt.driver.JobGuard;
import org.jvirt.driver.RuntimeRecord;
import org.jvirt.driver.StartRequest;
import org.jvirt.driver.Started;
import org.jvirt.driver.qemu.capabilities.QemuCaps;
import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.hotplug.VcpuEntities;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.driver.qemu.process.ProcessKiller;
import org.jvirt.driver.qemu.process.QemuUser;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.LockedJobs;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.model.DomainDef;
import org.jvirt.model.OsDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.pinning.VcpuCountPlanner;
import org.jvirt.xml.DomainStatus;

/**
 * QEMU/KVM domains (docs/qemu.md): the lifecycle (start in {@link QemuStart}, stop, pause, reboot
 * through QMP and signals) and every optional capability: live pinning ({@link QemuPinning}),
 * vCPU hotplug ({@link QemuVcpuHotplug}) and the kernel's view of the threads
 * ({@link QemuThreadView}). Every method runs inside the domain's job and holds its lock file.
 */
public final class QemuHypervisor implements Hypervisor<QemuRuntime> {
    private final QemuSettings settings;
    private final Function<String, QemuCaps> caps;
    private final Supplier<CgroupBackend> cgroups;
    private final HostEnvironment env;
    private final ProcFs proc;
    private final ProcessKiller killer;
    private final StateFiles files;
    private final DomainLocks locks;
    private final QemuExits exits;
    private final Monitors monitors;
    private final RebootMark reboots;
    private final QemuStart starter;
    private final LockedJobs jobs;
    private final Capabilities<QemuRuntime> capabilities;
    private final org.jvirt.driver.Tuning<QemuRuntime> tuning;

    /**
     * @param host    the host topology, asked when an operation needs it (a {@link org.jvirt.driver.Lazy})
     * @param caps    what QEMU binary can do ({@code CapabilitiesProbe::probe}, cached per binary)
     * @param cgroups the host's cgroup backend, detected on first use
     */
    public QemuHypervisor(QemuSettings settings, Supplier<HostTopology> host, Function<String, QemuCaps> caps,
                          Supplier<CgroupBackend> cgroups, HostEnvironment env, DomainLocks locks) {
        this(settings, host, caps, new QemuAccess(QemuUser.ROOT, "'root' (uid 0)", cgroups, false), env, locks);
    }

    /** As above, for the connection {@code access} describes (its user, its cgroups: a session's, say). */
    public QemuHypervisor(QemuSettings settings, Supplier<HostTopology> host, Function<String, QemuCaps> caps,
                          QemuAccess access, HostEnvironment env, DomainLocks locks) {
        this.settings = settings;
        this.caps = caps;
        this.cgroups = access.cgroups();
        this.env = env;
        this.proc = env.proc();
        this.killer = new ProcessKiller(env.signaller(), proc, env.ticker());
        this.files = new StateFiles(settings.configDir(), settings.stateDir());
        this.locks = locks;
        this.reboots = new RebootMark(files);
        this.exits = new QemuExits(settings, files, locks, killer, env.signaller(), reboots);
        this.monitors = new Monitors(settings, files, proc, env.ticker(), exits, locks);
        this.starter = new QemuStart(settings, caps, env, files, locks, killer, exits, this::cgroupsOf, access);
        QemuRecovery recovery = new QemuRecovery(settings, files, killer, this::cgroupsOf);
        this.jobs = new LockedJobs(locks, recovery::recover, monitors::endJob);
        this.capabilities = Capabilities.<QemuRuntime>lifecycleOnly("")
                .withLivePinning(new QemuPinning(locks, access::cpusetCgroups, proc))
                .withVcpuHotplug(new QemuVcpuHotplug(host, monitors, locks, settings.unplugTimeout(), env.ticker()))
                .withThreadView(new QemuThreadView(settings.stateDir(), proc, env.sysRoot().resolve("fs/cgroup"),
                        host, access::cpusetCgroups));
        QemuScheduling scheduling = new QemuScheduling(locks);
        this.tuning = org.jvirt.driver.Tuning.<QemuRuntime>none().withScheduling(scheduling).withNumaMemory(scheduling)
                .withIothreads(new QemuIothreads(monitors, locks)).withStatistics(new QemuStatistics(host, proc));
    }

    @Override
    public org.jvirt.driver.Tuning<QemuRuntime> tuning() {
        return tuning;
    }

    /**
     * Whole jobs hold the domain's lock file too, with the job's record in it, so another JVM's
     * jobs wait and can name this one; what a process that died in a job left is dealt with first
     * ({@link QemuRecovery}; docs/qemu.md#files).
     */
    @Override
    public JobGuard jobGuard(String name, String job) {
        return jobs.acquire(name, job);
    }

    @Override
    public Optional<JobGuard> tryJobGuard(String name, String job) {
        return jobs.tryAcquire(name, job);
    }

    @Override
    public Set<String> recordedJobs() {
        return jobs.recorded();
    }

    /**
     * Another process rewrote the status: the I/O thread ids from it, and the vCPU entities from
     * QEMU itself when this connection holds the monitor (a vCPU plugged elsewhere), else from
     * the status.
     */
    @Override
    public boolean follow(QemuRuntime rt, DomainStatus status) {
        Optional<QemuStatus> s = StateFiles.toQemuStatus(status);
        if (s.isEmpty() || !s.get().names(rt.pid, rt.startTime)) {
            return false;
        }
        rt.iothreadTids.clear();
        rt.iothreadTids.putAll(s.get().iothreads());
        QmpClient q = rt.qmp;
        rt.entities = VcpuEntities.fromThreads(s.get().vcpus());
        if (q != null && q.isOpen()) {
            try {
                rt.entities = VcpuEntities.query(q, rt.pid);
            } catch (VirtException gone) {
                // QEMU ended meanwhile (another process's destroy): the monitor's end reports it
            }
        }
        return true;
    }

    @Override
    public void forget(QemuRuntime rt) {
        exits.forget(rt);
    }

    /**
     * After a process died in a live change: QEMU's own list of online vCPUs makes the live
     * definition, and every thread goes into its group with its affinity as at start.
     */
    @Override
    public DomainDef reconcile(QemuRuntime rt, DomainDef live, Function<DomainDef, EffectivePinning> resolve) {
        QmpClient q = monitors.forJob(rt);
        VcpuEntities ents = VcpuEntities.query(q, rt.pid);
        rt.entities = ents;
        DomainDef now = live;
        for (int id = 0; id < live.vcpu().max(); id++) {
            boolean online = ents.entity(id).online();
            if (online && !now.vcpu().isOnline(id)) {
                now = VcpuCountPlanner.plugged(now, id);
            } else if (!online && now.vcpu().isOnline(id)) {
                now = VcpuCountPlanner.unplugged(now, id);
            }
        }
        EffectivePinning pinning = resolve.apply(now);
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            rt.cgroups.repinEmulator(rt.pid, pinning.emulator().cpus());
            StartSteps.prepareThreadGroups(rt.cgroups, now, pinning, rt.mems);
            StartSteps.placeThreads(rt, now, pinning, proc, q.submit("query-iothreads", null));
        }
        return now;
    }

    @Override
    public Capabilities<QemuRuntime> capabilities() {
        return capabilities;
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

    /**
     * As libvirt's QEMU driver fills in a definition: the guest NUMA cells give the memory size
     * and take every vCPU ({@link DomainDef#withGuestNumaFilledIn}); the canonical machine type
     * ({@code pc} becomes {@code pc-i440fx-7.2}), when QEMU can be probed.
     */
    @Override
    public DomainDef postParse(DomainDef parsed) {
        DomainDef def = parsed.withGuestNumaFilledIn();
        QemuCaps c;
        try {
            c = caps.apply(def.devices().emulator().orElse(settings.emulator()));
        } catch (VirtException e) {
            return def; // the start reports it
        }
        OsDef.OsType t = def.os().type();
        String machine = t.machine().map(m -> c.machines().getOrDefault(m, m)).orElse(c.defaultMachine());
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

    @Override
    public ValidationContext validationContext(DomainDef def) {
        return ValidationContext.qemu();
    }

    @Override
    public boolean cpuControllerAvailable() {
        try {
            return cgroups.get().has(CgroupController.CPU);
        } catch (VirtException e) {
            return false;
        }
    }

    DomainCgroups cgroupsOf(String name) {
        return new DomainCgroups(cgroups.get(), env.affinity(),
                new CgroupLayout(settings.cgroupPartition()).qemuDomain(name));
    }

    @Override
    public Started<QemuRuntime> start(StartRequest request) {
        return starter.start(request);
    }

    @Override
    public void destroy(QemuRuntime rt) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            rt.fire(QemuRunState.Event.STOP_ASKED);
            killer.kill(rt.pid, rt.startTime, settings.destroyGrace(), settings.destroyTimeout());
            exits.cleanup(rt);
        }
    }

    /** SIGTERM and graceful_destroy_timeout for QEMU to end; no SIGKILL (docs/qemu.md#live-operations). */
    @Override
    public void destroyGracefully(QemuRuntime rt) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            rt.fire(QemuRunState.Event.STOP_ASKED);
            if (!killer.terminate(rt.pid, rt.startTime, settings.gracefulDestroyTimeout())) {
                rt.fire(QemuRunState.Event.STOP_ABANDONED);
                throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.QEMU, "QEMU process %d of domain '%s' "
                        + "did not end within %d ms of SIGTERM (graceful_destroy_timeout); destroy --graceful sends "
                        + "no SIGKILL, the domain is still running", rt.pid, rt.name,
                        settings.gracefulDestroyTimeout().toMillis());
            }
            exits.cleanup(rt);
        }
    }

    /** Takes the monitor of a domain found running, if nobody holds it ({@link Monitors#attach}); inside its job. */
    void attach(QemuRuntime rt) {
        monitors.attach(rt);
    }

    @Override
    public boolean endedByItself(QemuRuntime rt) {
        return rt.endedByItself;
    }

    /** Only the connection holding the monitor gets QEMU's events: it takes a free one. */
    @Override
    public boolean listenForChanges(QemuRuntime rt) {
        // a state query takes a free monitor as a job does: the state is then QEMU's own, and a
        // crash or the guest's shutdown is heard by the connection that asked (as libvirt's would)
        monitors.attach(rt);
        QmpClient q = rt.qmp;
        return q != null && q.isOpen();
    }

    /** The guest's SHUTDOWN event reaches the holder of the monitor, which ends QEMU (a reboot asked for before is off). */
    @Override
    public boolean shutdown(QemuRuntime rt) {
        QmpClient q = monitors.forJob(rt);
        reboots.cancel(rt);
        q.execute("system_powerdown");
        return false;
    }

    /**
     * From any process: the reboot is noted in the domain's directory ({@link RebootMark}), then
     * {@code system_powerdown} goes through the held monitor or the second one; the holder of the
     * monitor when the guest's SHUTDOWN comes (or, when nobody held it, the next process that
     * takes it) answers with {@code system_reset} and {@code cont}.
     */
    @Override
    public void reboot(QemuRuntime rt) {
        QmpClient q = monitors.forJob(rt);
        reboots.ask(rt);
        try {
            q.execute("system_powerdown");
        } catch (VirtException e) {
            reboots.cancel(rt);
            throw e;
        }
    }

    @Override
    public void suspend(QemuRuntime rt) {
        rt.runOwn(monitors.forJob(rt), "stop");
    }

    @Override
    public void resume(QemuRuntime rt) {
        rt.runOwn(monitors.forJob(rt), "cont");
    }

    @Override
    public long cpuTimeNanos(QemuRuntime rt) {
        return proc.stat(rt.pid, rt.pid).map(ProcFs.Stat::cpuTimeNanos).orElse(0L);
    }

    /** QEMU's pid and start time, its monitor, cgroup, and the thread of every vCPU and I/O thread. */
    @Override
    public RuntimeRecord record(QemuRuntime rt) {
        return StateFiles.record(rt.pid, rt.startTime, rt.monitor.toString(), rt.cgroup(), rt.vcpuThreads(),
                rt.iothreadThreads());
    }
}
