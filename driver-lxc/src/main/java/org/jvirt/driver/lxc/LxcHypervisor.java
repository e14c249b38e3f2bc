package org.jvirt.driver.lxc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.VcpuInfo;
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
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.pinning.Validator;
import org.jvirt.spi.DomainSummary;
import org.jvirt.state.ConfigStore;
import org.jvirt.xml.DomainStatus;
import org.jvirt.state.DomainWatcher;
import org.jvirt.state.Hypervisor;
import org.jvirt.state.NumadSource;
import org.jvirt.state.StatusStore;
import org.jvirt.xml.DomainXml;

/**
 * The live side of {@code lxc:///system} (LXC.md B). Lifecycle calls come inside the domain's
 * job; the exit watchers run on the connection's executors and take the runtime's monitor, never
 * the job, except to report a stop (after releasing the monitor).
 */
final class LxcHypervisor implements Hypervisor<ContainerRuntime> {
    private static final Logger LOG = LoggerFactory.getLogger(LxcHypervisor.class);
    private static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MS = 200;
    /** Status attributes: the unshare process and the container's cgroup. */
    static final String UNSHARE_PID = "lxc.unshare.pid";
    static final String CGROUP = "lxc.cgroup";

    private final LxcSettings settings;
    private final ContainerLifecycle life;
    private final ConfigStore configs;
    private final DomainLocks locks;
    private final StatusStore statuses;
    private final DomainXml xml;
    private final NumadSource numad;
    private final ExecutorService exits;
    private final ScheduledExecutorService poller;
    private volatile Function<String, Optional<DomainSummary>> summaries = name -> Optional.empty();

    /** Whole jobs hold the container's lock file, so another JVM's jobs on it wait. */
    @Override
    public JobGuard jobGuard(String name) {
        DomainLocks.Held held = locks.acquire(name);
        return held::close;
    }

    LxcHypervisor(LxcSettings settings, ContainerLifecycle life, ConfigStore configs, StatusStore statuses,
                  DomainXml xml, NumadSource numad,
                  ExecutorService exits, ScheduledExecutorService poller, DomainLocks locks) {
        this.settings = settings;
        this.locks = locks;
        this.life = life;
        this.configs = configs;
        this.statuses = statuses;
        this.xml = xml;
        this.numad = numad;
        this.exits = exits;
        this.poller = poller;
    }

    /** Where saveStatus learns a domain's id and state (core keeps them, after the start). */
    void bindSummaries(Function<String, Optional<DomainSummary>> lookup) {
        this.summaries = lookup;
    }

    StatusStore statuses() {
        return statuses;
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
        CapabilityPolicy.of(def); // refused at define, as libvirt does
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

    @Override
    public Started<ContainerRuntime> start(String name, DomainDef def, EffectivePinning pinning, boolean paused,
                                           DomainWatcher watcher) {
        warnIgnoredPins(def);
        Optional<NumadAdvice> advice = Validator.needsNumad(def)
                ? Optional.of(numad.advise(def.vcpu().current(), (def.memory().memoryKiB() + 1023) / 1024))
                : Optional.empty();
        ContainerProcess p = life.start(def, advice);
        DomainDef live = ContainerNetwork.withHostNames(def, p.initPid());
        ContainerRuntime rt = new ContainerRuntime(name, def.uuid(), life.cgroupOf(name), advice, watcher, live, p);
        if (paused) {
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
    ContainerRuntime attach(DomainStatus status, DomainWatcher watcher) {
        ContainerProcess p = processOf(status);
        ContainerRuntime rt = new ContainerRuntime(status.name(), status.live().uuid(), life.cgroupOf(status.name()),
                status.numadNodes().map(NumadAdvice::new), watcher, status.live(), p);
        rt.id = status.id();
        rt.state = new StateInfo(status.state(), status.reason());
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
                p.process().get().onExit().thenAcceptAsync(x -> exited(rt, p, OptionalInt.of(x.exitValue())), exits);
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

    /** The container stopped by itself; {@code status} is unknown for a reattached one. */
    private void exited(ContainerRuntime rt, ContainerProcess p, OptionalInt status) {
        StateReason reason;
        synchronized (rt) {
            if (rt.instance != p || rt.stopping) {
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
            if (how == ExitStatus.REBOOT && restart(rt)) {
                return;
            }
            reason = how == null ? StateReason.UNKNOWN : how == ExitStatus.REBOOT ? StateReason.CRASHED : how.reason();
        }
        rt.watcher.stopped(reason);
    }

    /** Starts a new instance from the live definition (held: the runtime's monitor). */
    private boolean restart(ContainerRuntime rt) {
        try {
            ContainerProcess next = life.start(rt.live, rt.numad);
            rt.instance = next;
            rt.state = new StateInfo(org.jvirt.DomainState.RUNNING, StateReason.BOOTED);
            writeStatus(rt);
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
            rt.stopping = true;
            try {
                if (rt.instance != null) {
                    life.kill(rt.instance, rt.cgroup);
                }
                life.teardown(rt.name, rt.cgroup);
                rt.instance = null;
            } finally {
                rt.stopping = rt.instance == null;
            }
        }
    }

    /**
     * SIGTERM to init and up to shutdown_timeout for it to end, then the teardown; no SIGKILL:
     * when init outlives the wait the container stays running and this fails.
     */
    @Override
    public void destroyGracefully(ContainerRuntime rt) {
        ContainerProcess p = terminate(rt);
        if (p != null && !life.awaitExit(p, settings.shutdownTimeout())) {
            synchronized (rt) {
                rt.stopping = false;
            }
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
            rt.stopping = true;
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
            rt.stopping = true;
            try {
                if (rt.instance != null) {
                    life.kill(rt.instance, rt.cgroup);
                }
                life.teardown(rt.name, rt.cgroup);
                rt.instance = null;
                try {
                    ContainerProcess next = life.start(rt.live, rt.numad);
                    rt.instance = next;
                    if (rt.state.state() == org.jvirt.DomainState.PAUSED) {
                        freezer().freeze(rt.cgroup, FREEZE_TIMEOUT);
                    }
                    writeStatus(rt);
                    watch(rt, next);
                } catch (VirtException e) {
                    failed = e;
                }
            } finally {
                rt.stopping = false;
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
        }
    }

    @Override
    public void resume(ContainerRuntime rt) {
        CgroupBackend cg = freezer();
        synchronized (rt) {
            cg.thaw(rt.cgroup);
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

    /** B1: the live vCPU count only rewrites the bandwidth (when the quota follows the count). */
    void applyVcpuCount(ContainerRuntime rt, int vcpus) {
        synchronized (rt) {
            if (rt.instance == null) {
                throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.LXC, "domain '%s' is not running", rt.name);
            }
            if (ContainerCpu.quotaFollowsVcpus(rt.live)) {
                life.cgroups().setCpuBandwidth(rt.cgroup, ContainerCpu.bandwidth(rt.live, vcpus));
            }
        }
    }

    private static VirtException noPinning() {
        return VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.LXC,
                "this function is not supported by the connection driver: containers have no vCPU threads to pin; "
                        + "use <vcpu cpuset> for their CPUs");
    }

    @Override
    public void applyVcpuPin(ContainerRuntime rt, int vcpu, CpuSet cpus) {
        throw noPinning();
    }

    @Override
    public void applyEmulatorPin(ContainerRuntime rt, CpuSet cpus) {
        throw noPinning();
    }

    @Override
    public void applyIothreadPin(ContainerRuntime rt, int iothread, CpuSet cpus) {
        throw noPinning();
    }

    @Override
    public void plugVcpu(ContainerRuntime rt, int vcpu, CpuSet cpus) {
        throw noPinning();
    }

    @Override
    public void unplugVcpu(ContainerRuntime rt, int vcpu) {
        throw noPinning();
    }

    @Override
    public boolean canUnplug(DomainDef live, int vcpu) {
        return false;
    }

    @Override
    public List<org.jvirt.ThreadPlacement> threadPlacements(ContainerRuntime rt, DomainDef live) {
        throw noPinning();
    }

    @Override
    public List<VcpuInfo> vcpuInfo(ContainerRuntime rt, DomainDef live) {
        throw noPinning();
    }

    @Override
    public void saveStatus(String name, DomainDef live, ContainerRuntime rt) {
        Optional<DomainSummary> s = summaries.apply(name);
        synchronized (rt) {
            rt.live = live;
            if (s.isPresent()) {
                rt.id = s.get().id().orElse(rt.id);
                rt.state = s.get().state();
            }
            writeStatus(rt);
        }
    }

    private void writeStatus(ContainerRuntime rt) {
        ContainerProcess p = rt.instance;
        if (p == null) {
            return;
        }
        statuses.save(new DomainStatus(rt.state.state(), rt.state.reason(), rt.id, rt.live, p.initPid(),
                p.initStartTime(), rt.numad.map(NumadAdvice::nodeset), Map.of(UNSHARE_PID, Long.toString(p.unsharePid()),
                CGROUP, rt.cgroup.toString())));
    }

    @Override
    public void saveConfig(DomainDef def) {
        configs.save(def.name(), xml.write(def));
    }

    @Override
    public void deleteConfig(DomainDef def) {
        configs.delete(def.name());
    }
}
