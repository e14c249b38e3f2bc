package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jvirt.driver.StartRequest;
import org.jvirt.driver.Started;
import org.jvirt.driver.qemu.capabilities.KvmAccess;
import org.jvirt.driver.qemu.capabilities.QemuCaps;
import org.jvirt.driver.qemu.cgroup.DeviceAcl;
import org.jvirt.driver.qemu.cgroup.DeviceNodes;
import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.cgroup.DomainLimits;
import org.jvirt.driver.qemu.command.CommandOptions;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.command.QemuPaths;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.driver.qemu.process.ProcessKiller;
import org.jvirt.driver.qemu.process.QemuLauncher;
import org.jvirt.driver.qemu.process.QemuUser;
import org.jvirt.driver.qemu.session.SessionLimits;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.NumadAdvice;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.LaunchedProcess;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.cgroup.MigrationPrimer;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;

/**
 * A QEMU start (docs/qemu.md#start): cgroups with every limit and thread group first, then the spawn into
 * them, the monitor, the boot-time vCPU hotplug and the placement of every thread, then
 * {@code cont}. Any failure rolls back everything done so far: QEMU killed, cgroups, run
 * directory and status file removed.
 */
final class QemuStart {
    private final QemuSettings settings;
    private final Function<String, QemuCaps> caps;
    private final HostEnvironment env;
    private final ProcFs proc;
    private final StateFiles files;
    private final DomainLocks locks;
    private final ProcessKiller killer;
    private final QemuExits exits;
    private final Function<String, DomainCgroups> cgroupsOf;
    private final DeviceNodes deviceNodes;
    private final QemuAccess access;

    QemuStart(QemuSettings settings, Function<String, QemuCaps> caps, HostEnvironment env,
              StateFiles files, DomainLocks locks, ProcessKiller killer, QemuExits exits,
              Function<String, DomainCgroups> cgroupsOf, QemuAccess access) {
        this.access = access;
        this.settings = settings;
        this.caps = caps;
        this.env = env;
        this.proc = env.proc();
        this.files = files;
        this.locks = locks;
        this.killer = killer;
        this.exits = exits;
        this.cgroupsOf = cgroupsOf;
        this.deviceNodes = DeviceNodes.under(env.root());
    }

    Started<QemuRuntime> start(StartRequest request) {
        String name = request.name();
        DomainDef def = request.def();
        EffectivePinning pinning = request.pinning();
        try (DomainLocks.Held l = locks.acquire(name)) {
            Optional<CpuSet> numadNodes = request.numad().map(NumadAdvice::nodeset);
            Optional<CpuSet> mems = StartSteps.mems(def, numadNodes);
            StateFiles.ensureDir(settings.stateDir());
            Path sock = files.monitorSocket(name);
            Path log = settings.logDir().resolve(StateFiles.fileName(name) + ".log");
            QemuUser user = QemuUser.resolve(settings.user(), settings.group(), env.etcRoot());
            refuseIfRunningElsewhere(name);
            DomainCgroups cg = cgroupsOf.apply(name);
            QemuRuntime rt = null;
            LaunchedProcess process = null;
            MigrationPrimer.Session warm = null;
            try {
                if (access.session()) {
                    SessionLimits.check(def, mems, cg.backend());
                }
                cg.remove();
                cg.prepare(def.cputune(), pinning.emulator(), mems, new DomainLimits(settings.maxThreadsPerProcess(),
                        DeviceAcl.rules(settings.deviceAcl(), def, deviceNodes)));
                StartSteps.prepareThreadGroups(cg, def, pinning, mems);
                // the primer's first move waits out the grace period while the work below (no cgroup
                // lock, no fork) is done; the wrapper's fork waits for the rest of it. The lock then
                // stays warm through QEMU's start-up, so placing the threads waits for nothing
                warm = new MigrationPrimer(cg.backend(), proc).keepWarm();
                files.prepareDomainDir(name, user, access.self());
                QemuCaps qemu = checkedCaps(def);
                QemuPaths paths = new QemuPaths(sock, Optional.of(files.jobsSocket(name)),
                        Optional.of(files.pidFile(name)));
                List<String> argv = QemuCommand.argv(def, qemu, paths,
                        new CommandOptions(settings.setProcessName(), numadNodes, settings.sandbox()));
                process = QemuLauncher.spawn(env.launcher(), cg.spawnProcsFiles(), argv, environment(), log,
                        settings.maxProcesses(), settings.maxFiles(), user, access.self(), startMask(cg, pinning));
                LaunchedProcess p = process;
                long pid = p.pid();
                long startTime = proc.startTime(pid).orElseThrow(() -> failed(name, log, null));
                // a process that takes over after this one died knows which QEMU to kill
                l.note(QemuRecovery.QEMU_PID, Long.toString(pid));
                l.note(QemuRecovery.QEMU_START, Long.toString(startTime));
                rt = new QemuRuntime(name, pid, startTime, sock, cg, mems);
                rt.watcher = request.watcher();
                rt.monitorHold = locks.tryAcquireFile(files.monitorLock(name)).orElse(null);
                rt.qmp = QmpClient.connect(sock, settings.monitorConnectTimeout(), settings.monitorCommandTimeout(),
                        exits.listener(rt), p::isAlive, env.ticker());
                // sent with the vCPU queries: its reply is not needed before theirs
                QmpClient.Pending iothreads = rt.qmp.submit("query-iothreads", null);
                StartSteps.bootHotplug(rt, def, env.ticker());
                StartSteps.placeThreads(rt, def, pinning, proc, iothreads);
                warm.close();
                if (!request.paused()) {
                    rt.runOwn(rt.qmp, "cont");
                }
                exits.track(rt);
                return new Started<>(rt, StartSteps.withOrders(def, rt.entities));
            } catch (RuntimeException e) {
                if (warm != null) {
                    warm.close();
                }
                rollback(rt, process, cg, name);
                if (process != null && !process.isAlive() && !(e instanceof VirtException v
                        && v.code() != ErrorCode.OPERATION_FAILED && v.code() != ErrorCode.OPERATION_TIMEOUT)) {
                    throw failed(name, log, e);
                }
                throw e;
            }
        }
    }

    /** The capabilities of {@code def}'s QEMU, checked against its vCPU maximum and KVM. */
    private QemuCaps checkedCaps(DomainDef def) {
        QemuCaps c = caps.apply(def.devices().emulator().orElse(settings.emulator()));
        String machine = QemuCommand.machineType(def, c);
        if (def.vcpu().max() > c.maxCpus(machine)) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "vcpu: maximum %d exceeds the %d vCPUs machine type %s supports", def.vcpu().max(),
                    c.maxCpus(machine), machine);
        }
        if (def.type().equals("kvm") && !c.kvm()) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, "%s",
                    KvmAccess.whyNot(env.root().resolve("dev/kvm"), c.binary(), access.who()));
        }
        return c;
    }

    /**
     * QEMU's affinity from its first instruction (docs/pinning.md#what-is-applied) where no emulator cpuset group
     * gives it: the emulator's set, unless that is every host CPU.
     */
    private static Optional<CpuSet> startMask(DomainCgroups cg, EffectivePinning pinning) {
        if (cg.backend().has(org.jvirt.linux.cgroup.CgroupController.CPUSET)
                || pinning.emulator().reason() == org.jvirt.pinning.ResolvedSet.Reason.ALL_HOST_CPUS) {
            return Optional.empty();
        }
        return Optional.of(pinning.emulator().cpus());
    }

    /**
     * Another jvirt process may have started the domain after this connection read the state
     * directory: its status file names a live QEMU. Starting over it would remove that QEMU's
     * cgroups (and kill it), so the start is refused instead.
     */
    private void refuseIfRunningElsewhere(String name) {
        Optional<QemuStatus> s = files.readStatus(files.statusFile(name));
        if (s.isPresent() && killer.isSame(s.get().pid(), s.get().startTime())) {
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
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("LC_ALL", "C");
        vars.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        vars.put("HOME", settings.stateDir().toString());
        return vars;
    }

    private void rollback(QemuRuntime rt, LaunchedProcess process, DomainCgroups cg, String name) {
        if (rt != null) {
            rt.fire(QemuRunState.Event.STOP_ASKED);
            rt.closeMonitor();
        }
        if (process != null) {
            process.kill();
            process.waitFor(Duration.ofSeconds(10));
        }
        try {
            cg.remove();
        } catch (VirtException ignored) {
            // best effort: the original error matters more
        }
        files.removeDomainDir(name);
        StateFiles.delete(files.statusFile(name));
        if (rt != null) {
            rt.fire(QemuRunState.Event.CLEANED);
        }
    }
}
