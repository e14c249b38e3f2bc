package org.jvirt.driver.lxc;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;


import org.jvirt.DomainState;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.driver.Lazy;
import org.jvirt.host.HostTopology;
import org.jvirt.host.probe.Numad;
import org.jvirt.driver.lxc.linux.LxcKernel;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.log.LazyLogger;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.Validator;
import org.jvirt.spi.DriverContext;
import org.jvirt.state.DomainList;
import org.jvirt.state.DomainStore;
import org.jvirt.state.ConfigStore;
import org.jvirt.xml.DomainStatus;
import org.jvirt.state.StatusStore;
import org.jvirt.linux.DomainLocks;
import org.jvirt.state.ManagedConnection;
import org.jvirt.state.ManagedDriver;
import org.jvirt.state.StandardCodec;
import org.jvirt.xml.DomainXml;

/**
 * One connection to {@code lxc:///system}: the persistent definitions and the running
 * containers found on disk when it opens (a running one is taken over once its init is checked
 * to be the same process), the core's domain state over an {@link LxcHypervisor}.
 */
final class LxcConnection extends ManagedConnection<LxcRuntime> {
    private static final LazyLogger LOG = LazyLogger.of(LxcConnection.class);

    private final ManagedDriver<LxcRuntime> driver;
    private final LxcHypervisor hv;
    private final ExecutorService exits;
    private final ExitPoller poller;
    private final LxcNamespaces namespaces;

    private LxcConnection(LxcHost host, ManagedDriver<LxcRuntime> driver, LxcHypervisor hv,
                          ExecutorService exits, ExitPoller poller, LxcNamespaces namespaces) {
        super(host, driver);
        this.driver = driver;
        this.hv = hv;
        this.exits = exits;
        this.poller = poller;
        this.namespaces = namespaces;
    }

    static LxcConnection open(LxcSettings settings, HostEnvironment env, LxcKernel kernel,
                              java.util.function.Supplier<CgroupBackend> cgroups, DomainLocks locks,
                              DriverContext context) {
        Supplier<HostTopology> topology = Lazy.of(() -> env.probe().topology());
        LxcHost host = new LxcHost(env.probe(), topology, env.procRoot(), settings.unshare(),
                new org.jvirt.host.probe.NodeStatsReader(env.procRoot(), env.sysRoot()));
        ConfigStore configs = new ConfigStore(settings.configDir());
        StatusStore statuses = new StatusStore(settings.stateDir());
        LxcNamespaces namespaces = new LxcNamespaces(settings, env.proc());
        ExecutorService exits = Executors.newCachedThreadPool(daemon("jvirt-lxc-exit"));
        ExitPoller poller = new ExitPoller("jvirt-lxc-watch");
        LxcLifecycle life = new LxcLifecycle(settings, cgroups, new CgroupLayout(settings.cgroupPartition()),
                env, kernel, topology, statuses);
        Numad numad = new Numad(env.commands(), settings.numad(), settings.numadTimeout());
        DomainXml xml = new DomainXml();
        LxcHypervisor hv = new LxcHypervisor(settings, life, exits, poller, locks, statuses);
        ManagedDriver<LxcRuntime> driver = new ManagedDriver<>(new DomainList<>(), hv,
                DomainStore.onDisk(configs, statuses, xml), new StandardCodec(hv, xml, new Validator()), topology,
                numad::advise, context.events(), ErrorDomain.LXC);
        LxcConnection connection = new LxcConnection(host, driver, hv, exits, poller, namespaces);
        try {
            java.util.function.Function<String, DomainDef> parser = text -> driver.codec().parse(text).def();
            if (context.domainsOnDemand()) {
                connection.restoreOnDemand(parser, connection::takeOver);
                // a subscriber hears of every container: the ones not read yet are read when one comes
                // (a class, not a method reference: JDK 17 links each one's call site at run time)
                context.events().onSubscribe(new Runnable() {
                    @Override
                    public void run() {
                        connection.knowAll();
                    }
                });
            } else {
                connection.restore(parser, connection::takeOver);
            }
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    LxcHypervisor hypervisor() {
        return hv;
    }

    private void takeOver(DomainStatus status) {
        try {
            restoreActive(status);
        } catch (VirtException ex) {
            LOG.warn("container '{}': cannot take it over ({}); cleaning up", status.name(), ex.getMessage());
            cleanup(status);
        }
    }

    /** Takes over a container whose init is still the same process; cleans up after one that is gone. */
    private void restoreActive(DomainStatus status) {
        String name = status.name();
        LxcLifecycle life = hv.lifecycle();
        if (!life.isRunning(LxcHypervisor.processOf(status))) {
            LOG.info("container '{}' stopped while no connection watched it; cleaning up", name);
            cleanup(status);
            return;
        }
        StateInfo state = new StateInfo(status.state(), status.reason());
        try {
            if (hv.isFrozen(name)) {
                state = new StateInfo(DomainState.PAUSED, StateReason.USER);
            } else if (state.state() == DomainState.PAUSED) {
                state = new StateInfo(DomainState.RUNNING, StateReason.UNPAUSED);
            }
        } catch (VirtException ex) {
            // no freezer: the saved state stands
        }
        boolean frozen = state.state() == DomainState.PAUSED;
        domains().restoreActive(status.live(), state, status.id(), status.numadNodes()
                .map(org.jvirt.host.NumadAdvice::new), watcher -> hv.attach(status, frozen, watcher));
    }

    /** Removes what a container whose init is gone left (under its lock, if its status still names it). */
    private void cleanup(DomainStatus stale) {
        String name = stale.name();
        removeLeftovers(name, stale.pid(), stale.startTime(), () -> {
            try {
                hv.lifecycle().teardown(name, hv.lifecycle().cgroupOf(name));
            } catch (VirtException ex) {
                LOG.warn("container '{}': cleanup failed: {}", name, ex.getMessage());
            }
        });
    }

    /** nsenter into the running container (virsh lxc-enter-namespace). */
    @Override
    public java.util.List<String> enterNamespaceCommand(java.util.UUID uuid, java.util.List<String> command) {
        org.jvirt.spi.DomainSummary d = domains().lookupByUuid(uuid);
        if (!d.active()) {
            throw org.jvirt.error.VirtException.of(org.jvirt.error.ErrorCode.NOT_RUNNING, ErrorDomain.LXC,
                    "domain '%s' is not running", d.name());
        }
        return namespaces.enterCommand(d.name(), command);
    }

    /** Running containers keep running; their exits are seen by the next connection. */
    @Override
    public void close() {
        poller.close();
        exits.shutdown();
    }
}
