package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.jvirt.DomainState;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.hotplug.VcpuEntities;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.linux.DomainLocks;
import org.jvirt.driver.qemu.process.ProcessKiller;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.host.probe.Numad;
import org.jvirt.host.NumadAdvice;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.ProcFs;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.Validator;
import org.jvirt.spi.DriverContext;
import org.jvirt.state.DomainList;
import org.jvirt.state.DomainStore;
import org.jvirt.driver.qemu.capabilities.QemuCaps;
import org.jvirt.state.DefinitionCodec;
import org.jvirt.state.ManagedConnection;
import org.jvirt.state.ManagedDriver;
import org.jvirt.state.StandardCodec;
import org.jvirt.error.ErrorCode;
import org.jvirt.driver.qemu.command.QemuPaths;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.xml.DomainXml;

/**
 * One connection to qemu:///system: loads the persistent definitions, reattaches to running
 * domains from their status files (pid + start time checked, QMP reconnected), and serves the
 * shared domain/vCPU logic over {@link QemuHypervisor}. Closing it leaves domains running.
 */
final class QemuConnection extends ManagedConnection<QemuRuntime> {
    private final QemuHypervisor hypervisor;
    private final ProcFs proc;
    private final HostEnvironment env;
    private final DefinitionCodec codec;
    private final QemuSettings settings;
    private final Function<String, QemuCaps> caps;

    private QemuConnection(QemuSettings settings, Function<String, QemuCaps> caps, QemuHypervisor hypervisor,
                           ManagedDriver<QemuRuntime> driver, HostEnvironment env, QemuHost host) {
        super(host, driver);
        this.hypervisor = hypervisor;
        this.proc = env.proc();
        this.env = env;
        this.codec = driver.codec();
        this.settings = settings;
        this.caps = caps;
    }

    /**
     * Opens a connection on the host {@code env} gives, with QEMU's capabilities from {@code caps}
     * ({@code CapabilitiesProbe::probe}; tests give fixed ones).
     */
    static QemuConnection open(QemuSettings settings, HostEnvironment env, HostTopology topology,
                               Function<String, QemuCaps> caps, DomainLocks locks, DriverContext context) {
        return open(settings, env, topology, caps, locks, context, QemuAccess.system(settings, env));
    }

    /** As above, with {@code access} saying whose connection it is (a session's, qemu:///system's). */
    static QemuConnection open(QemuSettings settings, HostEnvironment env, HostTopology topology,
                               Function<String, QemuCaps> caps, DomainLocks locks, DriverContext context,
                               QemuAccess access) {
        Numad numad = new Numad(env.commands(), settings.numad(), settings.numadTimeout());
        QemuHypervisor hypervisor = new QemuHypervisor(settings, topology, caps, access, env, locks);
        StateFiles files = hypervisor.files();
        DomainXml xml = new DomainXml();
        ManagedDriver<QemuRuntime> driver = new ManagedDriver<>(new DomainList<>(), hypervisor,
                DomainStore.onDisk(files.configs(), files.statusStore(), xml),
                new StandardCodec(hypervisor, xml, new Validator()), topology, numad::advise,
                context.events(), ErrorDomain.QEMU);
        QemuConnection connection = new QemuConnection(settings, caps, hypervisor, driver, env,
                new QemuHost(topology, env.root(), () -> caps.apply(settings.emulator()), caps,
                        new org.jvirt.host.probe.NodeStatsReader(env.procRoot(), env.sysRoot())));
        connection.restore(text -> xml.read(text).def(),
                status -> StateFiles.toQemuStatus(status).ifPresent(s -> connection.restoreActive(files, settings, s)));
        return connection;
    }

    private void restoreActive(StateFiles files, QemuSettings settings, QemuStatus s) {
        ProcessKiller killer = new ProcessKiller(env.signaller(), proc, env.ticker());
        DomainCgroups cg = hypervisor.cgroupsOf(s.name());
        boolean ours = killer.isSame(s.pid(), s.startTime())
                && proc.cmdline(s.pid()).stream().anyMatch(a -> a.startsWith("guest=" + s.name().replace(",", ",,") + ","));
        DomainDef live = s.live();
        if (!ours) {
            removeLeftovers(files, s, cg);
            return;
        }
        Optional<CpuSet> numad = s.numadNodes().isEmpty() ? Optional.empty()
                : Optional.of(CpuSet.parse(s.numadNodes()));
        QemuRuntime rt = new QemuRuntime(s.name(), s.pid(), s.startTime(), Path.of(s.monitor()), cg,
                StartSteps.mems(live, numad));
        rt.iothreadTids.putAll(s.iothreads());
        // as the last process that changed it wrote it; the monitor, when this process gets it, tells
        StateInfo state = s.state().state() == DomainState.PAUSED ? s.state()
                : new StateInfo(DomainState.RUNNING, s.state().state() == DomainState.RUNNING ? s.state().reason()
                        : StateReason.UNKNOWN);
        // another jvirt process (or connection) holding the monitor holds its lock: then the
        // domain is attached without a monitor at once, instead of after a greeting timeout
        boolean heldElsewhere;
        try {
            rt.monitorHold = DomainLockFile.tryAcquire(files.monitorLock(s.name())).orElse(null);
            heldElsewhere = rt.monitorHold == null;
        } catch (VirtException unusable) {
            heldElsewhere = false; // no lock to go by: ask the monitor itself
        }
        boolean unheardShutdown = false;
        try {
            if (!heldElsewhere) {
                rt.qmp = QmpClient.connect(rt.monitor, Duration.ofMillis(Math.min(2000,
                        settings.monitorConnectTimeout().toMillis())), settings.monitorCommandTimeout(),
                        hypervisor.exits().listener(rt), () -> proc.isRunning(rt.pid), env.ticker());
                String status = rt.qmp.execute("query-status").path("status").asText("running");
                // a reboot left halfway, or a guest that powered off while no jvirt process held
                // the monitor: the reboot asked for is done now, else QEMU ends once attached
                if (hypervisor.exits().rebootOnAttach(rt, status)) {
                    status = "running";
                }
                unheardShutdown = status.equals("shutdown");
                DomainState now = status.equals("running") ? DomainState.RUNNING : DomainState.PAUSED;
                state = new StateInfo(now, now == state.state() ? state.reason() : StateReason.UNKNOWN);
                rt.entities = VcpuEntities.query(rt.qmp, rt.pid);
            }
        } catch (VirtException e) {
            // a client that is not jvirt holds the monitor, or QEMU did not answer: run without it
            rt.closeMonitor();
            rt.qmp = null;
            rt.entities = null;
        }
        if (rt.entities == null) {
            rt.entities = VcpuEntities.fromThreads(s.vcpus());
        }
        Optional<DomainDef> persistent = Optional.empty();
        try {
            persistent = files.configs().read(s.name()).map(text -> new DomainXml().read(text).def());
        } catch (VirtException ignored) {
            // transient then
        }
        Optional<NumadAdvice> advice = numad.map(NumadAdvice::new);
        DomainDef l = live;
        domains().restoreActive(persistent, l, state, s.id(), advice, watcher -> {
            rt.watcher = watcher;
            return rt;
        });
        hypervisor.exits().track(rt);
        if (unheardShutdown) {
            hypervisor.exits().onGuestShutdown(rt);
        }
    }

    /** QEMU is gone: remove what it left (an unreadable status file never gets here). */
    private void removeLeftovers(StateFiles files, QemuStatus stale, DomainCgroups cg) {
        removeLeftovers(stale.name(), stale.pid(), stale.startTime(), () -> {
            try {
                cg.remove();
            } catch (VirtException ignored) {
                // swept at the next start
            }
            files.removeDomainDir(stale.name());
            StateFiles.delete(files.statusFile(stale.name()));
        });
    }

    /**
     * {@code qemu-argv}: the command line a start would run (virsh domxml-to-native), one line
     * with shell quoting; pinning never appears in it, it is applied to threads after spawn.
     */
    @Override
    public String domainXmlToNative(String format, String xml) {
        if (!format.equals("qemu-argv")) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "unsupported native format '%s': the QEMU driver knows 'qemu-argv'", format);
        }
        DomainDef def = codec.parse(xml).def();
        String binary = def.devices().emulator().orElse(settings.emulator());
        List<String> argv = QemuCommand.argv(def, caps.apply(binary),
                QemuPaths.inRunDir(settings.stateDir(), def.name()));
        StringBuilder line = new StringBuilder("LC_ALL=C");
        for (String arg : argv) {
            line.append(' ').append(arg.matches("[A-Za-z0-9_./=:,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.append('\n').toString();
    }

    /** Closes the monitors of running domains; QEMU keeps running. */
    @Override
    public void close() {
        hypervisor.exits().closeMonitors();
    }
}
