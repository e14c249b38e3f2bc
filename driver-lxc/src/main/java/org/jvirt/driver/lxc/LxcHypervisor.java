package org.jvirt.driver.lxc;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;


import org.jvirt.StateReason;
import org.jvirt.driver.Capabilities;
import org.jvirt.driver.DomainWatcher;
import org.jvirt.driver.Hypervisor;
import org.jvirt.driver.JobGuard;
import org.jvirt.driver.RuntimeRecord;
import org.jvirt.driver.StartRequest;
import org.jvirt.driver.Started;
import org.jvirt.driver.VcpuBandwidth;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.NumadAdvice;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.LockedJobs;
import org.jvirt.linux.Signal;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.log.LazyLogger;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.state.StatusStore;
import org.jvirt.xml.DomainStatus;

/**
 * The live side of {@code lxc:///system} (docs/lxc.md). A container is placed as a whole (no vCPU
 * threads: no live pinning, hotplug or thread view); its only optional capability is the live
 * vCPU count, a CPU bandwidth ({@link #applyVcpuCount}). Lifecycle calls come inside the domain's
 * job and take the runtime's monitor; what happens between jobs is {@link LxcExits}'.
 */
final class LxcHypervisor implements Hypervisor<LxcRuntime>, VcpuBandwidth<LxcRuntime> {
    private static final LazyLogger LOG = LazyLogger.of(LxcHypervisor.class);
    /** Status attributes: the unshare process, the container's cgroup and its allowed CPUs. */
    static final String UNSHARE_PID = "lxc.unshare.pid";
    static final String CGROUP = "lxc.cgroup";
    static final String CPUS = "lxc.cpus";

    private final LxcSettings settings;
    private final LxcLifecycle life;
    private final DomainLocks locks;
    private final LxcExits exitWatch;
    private final LxcFreezer freezer;
    private final Capabilities<LxcRuntime> capabilities;
    private final LockedJobs jobs;
    private final org.jvirt.driver.Tuning<LxcRuntime> tuning;

    LxcHypervisor(LxcSettings settings, LxcLifecycle life, ExecutorService exits,
                  ExitPoller poller, DomainLocks locks, StatusStore statuses) {
        this.settings = settings;
        this.locks = locks;
        this.life = life;
        this.jobs = new LockedJobs(locks, new LxcRecovery(life, statuses)::recover, name -> { });
        this.exitWatch = new LxcExits(life, exits, poller);
        this.freezer = new LxcFreezer(life);
        this.capabilities = Capabilities.<LxcRuntime>lifecycleOnly(
                "a container has no vCPU threads; its CPUs come from <vcpu cpuset>").withVcpuBandwidth(this);
        this.tuning = new LxcTuning(life, life.host()).tuning();
    }

    /** Scheduler parameters, memory nodes and statistics through the container's group ({@link LxcTuning}). */
    @Override
    public org.jvirt.driver.Tuning<LxcRuntime> tuning() {
        return tuning;
    }

    /**
     * Whole jobs hold the container's lock file with the job's record in it, so another JVM's
     * jobs on it wait and can name this one; what a process that died in a job left is dealt
     * with first ({@link LxcRecovery}).
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

    /** Another process rewrote the status: the live definition (its vCPU count) follows, if it is this instance's. */
    @Override
    public boolean follow(LxcRuntime rt, DomainStatus status) {
        synchronized (rt) {
            LxcProcess p = rt.instance;
            if (p == null || p.initPid() != status.pid() || p.startTime() != status.startTime()) {
                return false;
            }
            rt.live = status.live();
            return true;
        }
    }

    /** Another process stopped the container: this connection stops watching it. */
    @Override
    public void forget(LxcRuntime rt) {
        synchronized (rt) {
            rt.instance = null;
            rt.fire(LxcRunState.Event.STOP_ASKED);
            rt.fire(LxcRunState.Event.EXITED);
        }
    }

    /** After a process died in a live change: the bandwidth of the live vCPU count again. */
    @Override
    public DomainDef reconcile(LxcRuntime rt, DomainDef live,
                               java.util.function.Function<DomainDef, org.jvirt.pinning.EffectivePinning> resolve) {
        synchronized (rt) {
            rt.live = live;
        }
        applyVcpuCount(rt, live, resolve.apply(live).emulator());
        return live;
    }

    @Override
    public Capabilities<LxcRuntime> capabilities() {
        return capabilities;
    }

    LxcLifecycle lifecycle() {
        return life;
    }

    @Override
    public String type() {
        return "LXC";
    }

    /** libvirt's default init for {@code <type>exe</type>}. */
    @Override
    public DomainDef postParse(DomainDef def) {
        if (def.os().isContainer() && def.os().init().isEmpty()) {
            var os = def.os();
            return def.toBuilder().os(new org.jvirt.model.OsDef(os.type(), os.loader(), os.nvram(), os.kernel(),
                    os.initrd(), os.cmdline(), os.bootDevices(), Optional.of(InitPlanner.DEFAULT_INIT), os.initArgs(),
                    os.initEnv(), os.initDir(), os.initUser(), os.extras())).build();
        }
        return def;
    }

    @Override
    public void validate(DomainDef def) {
        if (!def.type().equals("lxc")) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC,
                    "domain type '%s' is not supported by the LXC driver (it takes lxc)", def.type());
        }
        if (!def.os().isContainer()) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC,
                    "os: type '%s' is not supported by the LXC driver (it takes exe)", def.os().type().name());
        }
        CapabilityPolicy.of(def); // refused at define, as libvirt does
    }

    @Override
    public ValidationContext validationContext(DomainDef def) {
        return ValidationContext.container();
    }

    @Override
    public boolean cpuControllerAvailable() {
        try {
            return life.cgroups().has(CgroupController.CPU);
        } catch (VirtException e) {
            return false;
        }
    }

    /** The container runs on the one set core resolved for the whole domain (its "emulator"). */
    @Override
    public Started<LxcRuntime> start(StartRequest request) {
        DomainDef def = request.def();
        warnIgnoredPins(def);
        CpuSet allowed = request.pinning().emulator().cpus();
        String name = request.name();
        LxcProcess p = life.start(def, allowed, request.numad(), (init, started) -> {
            locks.note(name, LxcRecovery.INIT_PID, Long.toString(init));
            locks.note(name, LxcRecovery.INIT_START, Long.toString(started));
        });
        DomainDef live = LxcNetwork.withHostNames(def, p.initPid());
        LxcRuntime rt = new LxcRuntime(request.name(), def.uuid(), life.cgroupOf(request.name()),
                request.numad(), allowed, request.watcher(), live, p);
        if (request.paused()) {
            try {
                suspend(rt);
            } catch (RuntimeException e) {
                destroy(rt);
                throw e;
            }
        }
        exitWatch.watch(rt, p);
        return new Started<>(rt, live);
    }

    private static void warnIgnoredPins(DomainDef def) {
        if (!def.cputune().vcpuPins().isEmpty() || def.cputune().emulatorPin().isPresent()
                || !def.cputune().iothreadPins().isEmpty()) {
            LOG.warn("container '{}': <vcpupin>/<emulatorpin>/<iothreadpin> are kept but not applied: a container "
                    + "has no vCPU threads; <vcpu cpuset> sets its CPUs", def.name());
        }
    }

    /** Reattaches to a container found running (status checked by the caller). */
    LxcRuntime attach(DomainStatus status, boolean frozen, DomainWatcher watcher) {
        LxcProcess p = processOf(status);
        CpuSet allowed = status.attribute(CPUS).map(c -> CpuSet.parse(c, CPUS))
                .orElseGet(() -> life.cgroups().cpus(life.cgroupOf(status.name())));
        LxcRuntime rt = new LxcRuntime(status.name(), status.live().uuid(), life.cgroupOf(status.name()),
                status.numadNodes().map(NumadAdvice::new), allowed, watcher, status.live(), p);
        if (frozen) {
            rt.fire(LxcRunState.Event.SUSPENDED);
        }
        exitWatch.watch(rt, p);
        return rt;
    }

    /** The instance a status file describes. */
    static LxcProcess processOf(DomainStatus status) {
        long unshare;
        try {
            unshare = Long.parseLong(status.attributes().getOrDefault(UNSHARE_PID, "0"));
        } catch (NumberFormatException e) {
            unshare = 0;
        }
        return new LxcProcess(Optional.empty(), unshare, status.pid(), status.startTime());
    }

    @Override
    public void destroy(LxcRuntime rt) {
        synchronized (rt) {
            rt.fire(LxcRunState.Event.STOP_ASKED);
            try {
                stopInstance(rt);
            } catch (RuntimeException e) {
                rt.fire(LxcRunState.Event.STOP_ABANDONED);
                throw e;
            }
        }
    }

    /** Kills the instance, if any, and removes what it left (held: the runtime's monitor, the stop asked). */
    private void stopInstance(LxcRuntime rt) {
        if (rt.instance != null) {
            life.kill(rt.instance, rt.cgroup);
        }
        life.teardown(rt.name, rt.cgroup);
        rt.instance = null;
        rt.fire(LxcRunState.Event.EXITED);
    }

    /**
     * SIGTERM to init and up to shutdown_timeout for it to end, then the teardown; no SIGKILL:
     * when init outlives the wait the container stays running and this fails.
     */
    @Override
    public void destroyGracefully(LxcRuntime rt) {
        LxcProcess p = terminate(rt);
        if (p != null && !life.awaitExit(p, settings.shutdownTimeout())) {
            rt.fire(LxcRunState.Event.STOP_ABANDONED);
            throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.LXC, "container '%s': init did not end "
                    + "within %d ms of SIGTERM (shutdown_timeout); destroy --graceful sends no SIGKILL, the container "
                    + "is still running", rt.name, settings.shutdownTimeout().toMillis());
        }
        destroy(rt);
    }

    /** SIGTERM to init, wait up to shutdown_timeout, then destroy: always stopped afterwards. */
    @Override
    public boolean shutdown(LxcRuntime rt) {
        LxcProcess p = terminate(rt);
        if (p == null) {
            return true;
        }
        if (!life.awaitExit(p, settings.shutdownTimeout())) {
            LOG.info("container '{}' ignored SIGTERM for {} ms: destroying it", rt.name,
                    settings.shutdownTimeout().toMillis());
        }
        destroy(rt);
        return true;
    }

    /** SIGTERM to init (thawed first, so that it can act on it); its process, or null when none runs. */
    private LxcProcess terminate(LxcRuntime rt) {
        synchronized (rt) {
            LxcProcess p = rt.instance;
            if (p == null) {
                return null;
            }
            rt.fire(LxcRunState.Event.STOP_ASKED);
            CgroupBackend cg = life.cgroups();
            if (LxcCgroups.isFrozen(cg, rt.cgroup)) {
                cg.thaw(rt.cgroup);
            }
            life.signal(p, Signal.TERM);
            return p;
        }
    }

    /** Stop + start from the live definition; the domain stays active (shut off, failed, if the start fails). */
    @Override
    public void reboot(LxcRuntime rt) {
        VirtException failed = null;
        synchronized (rt) {
            boolean paused = rt.fire(LxcRunState.Event.STOP_ASKED) == LxcRunState.PAUSED;
            try {
                stopInstance(rt);
            } catch (RuntimeException e) {
                rt.fire(LxcRunState.Event.STOP_ABANDONED);
                throw e;
            }
            try {
                LxcProcess next = life.start(rt.live, rt.allowed, rt.numad);
                rt.instance = next;
                rt.fire(LxcRunState.Event.RESTARTED);
                if (paused) {
                    freezer.freeze(rt);
                    rt.fire(LxcRunState.Event.SUSPENDED);
                }
                exitWatch.watch(rt, next);
            } catch (VirtException e) {
                failed = e;
            }
        }
        if (failed != null) {
            rt.watcher.stopped(StateReason.FAILED);
            throw failed;
        }
    }

    @Override
    public void suspend(LxcRuntime rt) {
        freezer.suspend(rt);
    }

    @Override
    public void resume(LxcRuntime rt) {
        freezer.resume(rt);
    }

    /** Whether the container's cgroup is frozen now (for a reattached container's state). */
    boolean isFrozen(String name) {
        return freezer.isFrozen(name);
    }

    @Override
    public long cpuTimeNanos(LxcRuntime rt) {
        try {
            return life.cgroups().cpuUsageNanos(rt.cgroup);
        } catch (VirtException e) {
            return 0;
        }
    }

    /**
     * B1: the live vCPU count N is bounded by the allowed CPUs, and rewrites the bandwidth when
     * the quota follows the count; nothing is restarted or moved.
     */
    @Override
    public void applyVcpuCount(LxcRuntime rt, DomainDef newLive, ResolvedSet allowed) {
        int vcpus = newLive.vcpu().current();
        LxcCpu.checkBound(vcpus, allowed.cpus());
        synchronized (rt) {
            if (rt.instance == null) {
                throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.LXC, "domain '%s' is not running", rt.name);
            }
            if (LxcCpu.quotaFollowsVcpus(rt.live)) {
                life.cgroups().setCpuBandwidth(rt.cgroup, LxcCpu.bandwidth(rt.live, vcpus));
            }
            rt.live = newLive;
        }
    }

    /** The init (its host pid and start time), the unshare process, the cgroup and the allowed CPUs. */
    @Override
    public RuntimeRecord record(LxcRuntime rt) {
        synchronized (rt) {
            LxcProcess p = rt.instance;
            if (p == null) {
                throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.LXC, "domain '%s' is not running", rt.name);
            }
            return new RuntimeRecord(p.initPid(), p.startTime(), Map.of(UNSHARE_PID, Long.toString(p.unsharePid()),
                    CGROUP, rt.cgroup.toString(), CPUS, rt.allowed.format()));
        }
    }
}
