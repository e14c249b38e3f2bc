package org.jvirt.driver.lxc;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import org.jvirt.linux.Signal;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.Controller;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.xml.DomainStatus;

/**
 * The live side of {@code lxc:///system} (LXC.md B). A container is placed as a whole (no vCPU
 * threads: no live pinning, hotplug or thread view); its only optional capability is the live
 * vCPU count, a CPU bandwidth ({@link #applyVcpuCount}). Lifecycle calls come inside the domain's
 * job; the exit watchers run on the connection's executors and take the runtime's monitor, never
 * the job, except to report a stop or a restart (after releasing the monitor).
 */
final class LxcHypervisor implements Hypervisor<ContainerRuntime>, VcpuBandwidth<ContainerRuntime> {
    private static final Logger LOG = LoggerFactory.getLogger(LxcHypervisor.class);
    private static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MS = 200;
    /** Status attributes: the unshare process, the container's cgroup and its allowed CPUs. */
    static final String UNSHARE_PID = "lxc.unshare.pid";
    static final String CGROUP = "lxc.cgroup";
    static final String CPUS = "lxc.cpus";

    private final LxcSettings settings;
    private final ContainerLifecycle life;
    private final DomainLocks locks;
    private final ExecutorService exits;
    private final ScheduledExecutorService poller;
    private final Capabilities<ContainerRuntime> capabilities;
    private final org.jvirt.driver.Tuning<ContainerRuntime> tuning;

    LxcHypervisor(LxcSettings settings, ContainerLifecycle life, ExecutorService exits,
                  ScheduledExecutorService poller, DomainLocks locks) {
        this.settings = settings;
        this.locks = locks;
        this.life = life;
        this.exits = exits;
        this.poller = poller;
        this.capabilities = Capabilities.<ContainerRuntime>lifecycleOnly(
                "a container has no vCPU threads; its CPUs come from <vcpu cpuset>").withVcpuBandwidth(this);
        this.tuning = new LxcTuning(life, life.host()).tuning();
    }

    /** Scheduler parameters, memory nodes and statistics through the container's group ({@link LxcTuning}). */
    @Override
    public org.jvirt.driver.Tuning<ContainerRuntime> tuning() {
        return tuning;
    }

    /** Whole jobs hold the container's lock file, so another JVM's jobs on it wait. */
    @Override
    public JobGuard jobGuard(String name) {
        DomainLocks.Held held = locks.acquire(name);
        return held::close;
    }

    @Override
    public Capabilities<ContainerRuntime> capabilities() {
        return capabilities;
    }

    ContainerLifecycle lifecycle() {
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
    }

    @Override
    public ValidationContext validationContext(DomainDef def) {
        return ValidationContext.container();
    }

    @Override
    public boolean cpuControllerAvailable() {
        try {
            return life.cgroups().has(Controller.CPU);
        } catch (VirtException e) {
            return false;
        }
    }

    /** The container runs on the one set core resolved for the whole domain (its "emulator"). */
    @Override
    public Started<ContainerRuntime> start(StartRequest request) {
        DomainDef def = request.def();
        warnIgnoredPins(def);
        CpuSet allowed = request.pinning().emulator().cpus();
        ContainerProcess p = life.start(def, allowed, request.numad());
        DomainDef live = ContainerNetwork.withHostNames(def, p.initPid());
        ContainerRuntime rt = new ContainerRuntime(request.name(), def.uuid(), life.cgroupOf(request.name()),
                request.numad(), allowed, request.watcher(), live, p);
        if (request.paused()) {
            try {
                suspend(rt);
            } catch (RuntimeException e) {
                destroy(rt);
                throw e;
            }
        }
        watch(rt, p);
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
    ContainerRuntime attach(DomainStatus status, boolean frozen, DomainWatcher watcher) {
        ContainerProcess p = processOf(status);
        CpuSet allowed = status.attribute(CPUS).map(c -> CpuSet.parse(c, CPUS))
                .orElseGet(() -> life.cgroups().cpus(life.cgroupOf(status.name())));
        ContainerRuntime rt = new ContainerRuntime(status.name(), status.live().uuid(), life.cgroupOf(status.name()),
                status.numadNodes().map(NumadAdvice::new), allowed, watcher, status.live(), p);
        if (frozen) {
            rt.fire(LxcRunState.Event.SUSPENDED);
        }
        watch(rt, p);
        return rt;
    }

    /** The instance a status file describes. */
    static ContainerProcess processOf(DomainStatus status) {
        long unshare;
        try {
            unshare = Long.parseLong(status.attributes().getOrDefault(UNSHARE_PID, "0"));
        } catch (NumberFormatException e) {
            unshare = 0;
        }
        return new ContainerProcess(Optional.empty(), unshare, status.pid(), status.startTime());
    }

    private void watch(ContainerRuntime rt, ContainerProcess p) {
        try {
            if (p.process().isPresent()) {
                p.process().get().onExit().thenAcceptAsync(x -> exited(rt, p, OptionalInt.of(x)), exits);
            } else {
                poll(rt, p);
            }
        } catch (RejectedExecutionException e) {
            LOG.debug("connection closed: container '{}' is no longer watched", rt.name);
        }
    }

    private void poll(ContainerRuntime rt, ContainerProcess p) {
        poller.schedule(() -> {
            synchronized (rt) {
                if (rt.instance != p) {
                    return;
                }
            }
            if (life.isRunning(p)) {
                poll(rt, p);
            } else {
                exits.execute(() -> exited(rt, p, OptionalInt.empty()));
            }
        }, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The container stopped by itself; {@code status} is unknown for a reattached one. An init
     * that rebooted is started again from the live definition, and core writes the new status.
     */
    private void exited(ContainerRuntime rt, ContainerProcess p, OptionalInt status) {
        StateReason reason;
        synchronized (rt) {
            if (rt.instance != p || !rt.state().reportsExit()) {
                return;
            }
            ExitStatus how = status.isPresent() ? ExitStatus.of(status.getAsInt()) : null;
            LOG.info("container '{}' stopped by itself (status {})", rt.name, status);
            try {
                life.teardown(rt.name, rt.cgroup);
            } catch (VirtException e) {
                LOG.warn("container '{}': cleanup after exit failed: {}", rt.name, e.getMessage());
            }
            rt.instance = null;
            rt.fire(LxcRunState.Event.EXITED);
            reason = how == null ? StateReason.UNKNOWN : how == ExitStatus.REBOOT ? StateReason.CRASHED : how.reason();
            if (how == ExitStatus.REBOOT && restart(rt)) {
                reason = null;
            }
        }
        if (reason == null) {
            rt.watcher.restarted();
        } else {
            rt.watcher.stopped(reason);
        }
    }

    /** Starts a new instance from the live definition (held: the runtime's monitor). */
    private boolean restart(ContainerRuntime rt) {
        try {
            ContainerProcess next = life.start(rt.live, rt.allowed, rt.numad);
            rt.instance = next;
            rt.fire(LxcRunState.Event.RESTARTED);
            watch(rt, next);
            return true;
        } catch (VirtException e) {
            LOG.warn("container '{}': restart after reboot failed: {}", rt.name, e.getMessage());
            return false;
        }
    }

    @Override
    public void destroy(ContainerRuntime rt) {
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
    private void stopInstance(ContainerRuntime rt) {
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
    public void destroyGracefully(ContainerRuntime rt) {
        ContainerProcess p = terminate(rt);
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
    public boolean shutdown(ContainerRuntime rt) {
        ContainerProcess p = terminate(rt);
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
    private ContainerProcess terminate(ContainerRuntime rt) {
        synchronized (rt) {
            ContainerProcess p = rt.instance;
            if (p == null) {
                return null;
            }
            rt.fire(LxcRunState.Event.STOP_ASKED);
            CgroupBackend cg = life.cgroups();
            if (ContainerCgroups.isFrozen(cg, rt.cgroup)) {
                cg.thaw(rt.cgroup);
            }
            life.signal(p, Signal.TERM);
            return p;
        }
    }

    /** Stop + start from the live definition; the domain stays active (shut off, failed, if the start fails). */
    @Override
    public void reboot(ContainerRuntime rt) {
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
                ContainerProcess next = life.start(rt.live, rt.allowed, rt.numad);
                rt.instance = next;
                rt.fire(LxcRunState.Event.RESTARTED);
                if (paused) {
                    freezer().freeze(rt.cgroup, FREEZE_TIMEOUT);
                    rt.fire(LxcRunState.Event.SUSPENDED);
                }
                watch(rt, next);
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
    public void suspend(ContainerRuntime rt) {
        CgroupBackend cg = freezer();
        synchronized (rt) {
            cg.freeze(rt.cgroup, FREEZE_TIMEOUT);
            rt.fire(LxcRunState.Event.SUSPENDED);
        }
    }

    @Override
    public void resume(ContainerRuntime rt) {
        CgroupBackend cg = freezer();
        synchronized (rt) {
            cg.thaw(rt.cgroup);
            rt.fire(LxcRunState.Event.RESUMED);
        }
    }

    private CgroupBackend freezer() {
        CgroupBackend cg = life.cgroups();
        if (!ContainerCgroups.canFreeze(cg)) {
            throw VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.LXC,
                    "suspend and resume need the cgroup freezer, which this host does not offer (%s)", cg.version());
        }
        return cg;
    }

    /** Whether the container's cgroup is frozen now (for a reattached container's state). */
    boolean isFrozen(String name) {
        return ContainerCgroups.isFrozen(life.cgroups(), life.cgroupOf(name));
    }

    @Override
    public long cpuTimeNanos(ContainerRuntime rt) {
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
    public void applyVcpuCount(ContainerRuntime rt, DomainDef newLive, ResolvedSet allowed) {
        int vcpus = newLive.vcpu().current();
        ContainerCpu.checkBound(vcpus, allowed.cpus());
        synchronized (rt) {
            if (rt.instance == null) {
                throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.LXC, "domain '%s' is not running", rt.name);
            }
            if (ContainerCpu.quotaFollowsVcpus(rt.live)) {
                life.cgroups().setCpuBandwidth(rt.cgroup, ContainerCpu.bandwidth(rt.live, vcpus));
            }
            rt.live = newLive;
        }
    }

    /** The init (its host pid and start time), the unshare process, the cgroup and the allowed CPUs. */
    @Override
    public RuntimeRecord record(ContainerRuntime rt) {
        synchronized (rt) {
            ContainerProcess p = rt.instance;
            if (p == null) {
                throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.LXC, "domain '%s' is not running", rt.name);
            }
            return new RuntimeRecord(p.initPid(), p.initStartTime(), Map.of(UNSHARE_PID, Long.toString(p.unsharePid()),
                    CGROUP, rt.cgroup.toString(), CPUS, rt.allowed.format()));
        }
    }
}
