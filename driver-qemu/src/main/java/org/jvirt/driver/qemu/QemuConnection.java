package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jvirt.DomainState;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.hotplug.VcpuEntities;
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
import org.jvirt.state.Active;
import org.jvirt.state.DomainList;
import org.jvirt.state.DomainObject;
import org.jvirt.state.DomainStore;
import org.jvirt.driver.qemu.capabilities.QemuCaps;
import org.jvirt.state.DefinitionCodec;
import org.jvirt.state.ManagedConnection;
import org.jvirt.state.ManagedDriver;
import org.jvirt.state.StandardCodec;
import org.jvirt.error.ErrorCode;
import org.jvirt.driver.qemu.command.QemuPaths;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.xml.DomainStatus;
import org.jvirt.xml.DomainXml;

/**
 * One connection to qemu:///system: loads the persistent definitions, takes over running domains
 * from their status files (all when it opens, or each when first looked up for a connection that
 * reads domains on demand; pid + start time checked; the QMP monitor is taken when a job first
 * needs it, or at once for all of them when someone subscribes to the events, see
 * {@link Monitors#attach}), and serves the shared domain/vCPU logic over {@link QemuHypervisor}.
 * Opening one probes nothing: the host topology and QEMU's capabilities are read when a command
 * first asks. Closing it leaves domains running.
 */
final class QemuConnection extends ManagedConnection<QemuRuntime> {
    private final QemuHypervisor hypervisor;
    private final ProcFs proc;
    private final HostEnvironment env;
    private final DefinitionCodec codec;
    private final QemuSettings settings;
    private final Function<String, QemuCaps> caps;
    private final ManagedDriver<QemuRuntime> driver;
    /** Set once an event subscriber came: monitors are then taken as domains are found running. */
    private volatile boolean heldForEvents;

    private QemuConnection(QemuSettings settings, Function<String, QemuCaps> caps, QemuHypervisor hypervisor,
                           ManagedDriver<QemuRuntime> driver, HostEnvironment env, QemuHost host) {
        super(host, driver);
        this.hypervisor = hypervisor;
        this.proc = env.proc();
        this.env = env;
        this.codec = driver.codec();
        this.settings = settings;
        this.caps = caps;
        this.driver = driver;
    }

    /**
     * Opens a connection on the host {@code env} gives, with QEMU's capabilities from {@code caps}
     * ({@code CapabilitiesProbe::probe}; tests give fixed ones).
     */
    static QemuConnection open(QemuSettings settings, HostEnvironment env, Supplier<HostTopology> topology,
                               Function<String, QemuCaps> caps, DomainLocks locks, DriverContext context) {
        return open(settings, env, topology, caps, locks, context, QemuAccess.system(settings, env));
    }

    /** As above, with {@code access} saying whose connection it is (a session's, qemu:///system's). */
    static QemuConnection open(QemuSettings settings, HostEnvironment env, Supplier<HostTopology> topology,
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
        Function<String, DomainDef> parser = text -> xml.read(text).def();
        Consumer<DomainStatus> takeOver = status -> StateFiles.toQemuStatus(status)
                .ifPresent(s -> connection.restoreActive(files, s));
        if (context.domainsOnDemand()) {
            connection.restoreOnDemand(parser, takeOver);
        } else {
            connection.restore(parser, takeOver);
        }
        context.events().onSubscribe(connection::holdForEvents);
        return connection;
    }

    /**
     * QEMU's events reach only a held monitor: when someone subscribes to this connection's
     * events, it takes the monitor of every running domain it knows (each inside the domain's
     * job in this JVM), and of each it finds running later.
     */
    private void holdForEvents() {
        heldForEvents = true;
        knowAll();
        for (DomainObject<Active<QemuRuntime>> obj : driver.domains().all()) {
            obj.job(() -> {
                obj.runtime().ifPresent(a -> hypervisor.attach(a.runtime()));
                return null;
            });
        }
    }

    private void restoreActive(StateFiles files, QemuStatus s) {
        ProcessKiller killer = new ProcessKiller(env.signaller(), proc, env.ticker());
        DomainCgroups cg = hypervisor.cgroupsOf(s.name());
        boolean ours = killer.isSame(s.pid(), s.startTime()) && namesGuest(proc.cmdline(s.pid()), s.name());
        DomainDef live = s.live();
        if (!ours) {
            // QEMU runs with -no-shutdown (a guest's power-off leaves it to jvirt to end): one that
            // went away by itself, with no jvirt process watching, was killed or crashed
            if (removeLeftovers(files, s, cg)) {
                domains().restoreEnded(s.name(), StateReason.CRASHED);
            }
            return;
        }
        Optional<CpuSet> numad = s.numadNodes().isEmpty() ? Optional.empty()
                : Optional.of(CpuSet.parse(s.numadNodes()));
        QemuRuntime rt = new QemuRuntime(s.name(), s.pid(), s.startTime(), Path.of(s.monitor()), cg,
                StartSteps.mems(live, numad));
        rt.iothreadTids.putAll(s.iothreads());
        // the threads as the status file lists them; the monitor, once taken, tells the rest
        rt.entities = VcpuEntities.fromThreads(s.vcpus());
        rt.attachOnUse = true;
        // as the last process that changed it wrote it; the monitor, when this process gets it, tells
        StateInfo state = s.state().state() == DomainState.PAUSED ? s.state()
                : new StateInfo(DomainState.RUNNING, s.state().state() == DomainState.RUNNING ? s.state().reason()
                        : StateReason.UNKNOWN);
        Optional<NumadAdvice> advice = numad.map(NumadAdvice::new);
        domains().restoreActive(live, state, s.id(), advice, watcher -> {
            rt.watcher = watcher;
            if (heldForEvents) {
                hypervisor.attach(rt);
            }
            return rt;
        });
        hypervisor.exits().track(rt);
    }

    /** Whether a command line names the guest {@code name} ({@code -name guest=NAME,...}; a loop: every one-shot asks). */
    private static boolean namesGuest(List<String> cmdline, String name) {
        String guest = "guest=" + name.replace(",", ",,") + ",";
        for (String a : cmdline) {
            if (a.startsWith(guest)) {
                return true;
            }
        }
        return false;
    }

    /** QEMU is gone: remove what it left (an unreadable status file never gets here). */
    private boolean removeLeftovers(StateFiles files, QemuStatus stale, DomainCgroups cg) {
        return removeLeftovers(stale.name(), stale.pid(), stale.startTime(), () -> {
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
