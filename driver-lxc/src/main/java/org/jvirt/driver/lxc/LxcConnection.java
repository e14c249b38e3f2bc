package org.jvirt.driver.lxc;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jvirt.DomainState;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostProbe;
import org.jvirt.host.HostTopology;
import org.jvirt.host.Numad;
import org.jvirt.host.ProcessCommandRunner;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.Validator;
import org.jvirt.spi.DomainOps;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverContext;
import org.jvirt.spi.HostOps;
import org.jvirt.spi.VcpuOps;
import org.jvirt.state.Active;
import org.jvirt.state.DomainList;
import org.jvirt.state.DomainObject;
import org.jvirt.state.ManagedDomains;
import org.jvirt.state.ManagedDriver;
import org.jvirt.state.StandardCodec;
import org.jvirt.xml.DomainXml;

/**
 * One connection to {@code lxc:///system}: the persistent definitions and the running
 * containers found on disk when it opens (a running one is taken over once its init is checked
 * to be the same process), the core's domain state over an {@link LxcHypervisor}.
 */
final class LxcConnection implements DriverConnection {
    private static final Logger LOG = LoggerFactory.getLogger(LxcConnection.class);

    private final LxcHost host;
    private final LxcStore store;
    private final LxcHypervisor hv;
    private final ManagedDriver<ContainerRuntime> driver;
    private final ManagedDomains<ContainerRuntime> domains;
    private final ContainerVcpus vcpus;
    private final ExecutorService exits;
    private final ScheduledExecutorService poller;
    private final DomainXml xml = new DomainXml();

    LxcConnection(LxcSettings settings, HostProbe probe, java.nio.file.Path procRoot, ProcessSignaller signals,
                  java.util.function.Supplier<CgroupBackend> cgroups, DriverContext context) {
        HostTopology topology = probe.topology();
        this.host = new LxcHost(probe, topology, procRoot, settings.unshare());
        this.store = new LxcStore(settings.configDir(), settings.stateDir());
        this.exits = Executors.newCachedThreadPool(daemon("jvirt-lxc-exit"));
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("jvirt-lxc-watch"));
        ContainerLifecycle life = new ContainerLifecycle(settings, cgroups, new CgroupLayout(settings.cgroupPartition()),
                new ProcessTable(procRoot), signals, topology, store);
        Numad numad = new Numad(new ProcessCommandRunner(), settings.numad(), settings.numadTimeout());
        this.hv = new LxcHypervisor(settings, life, store, xml, numad::advise, exits, poller);
        this.driver = new ManagedDriver<>(new DomainList<>(), hv, new StandardCodec(hv, xml, new Validator()), topology,
                numad::advise, context.events(), ErrorDomain.LXC);
        this.domains = new ManagedDomains<>(driver);
        this.vcpus = new ContainerVcpus(driver, hv);
        hv.bindIds(this::idOf);
        try {
            restore();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Called inside the domain's job (reentrant), so it never waits. */
    private OptionalInt idOf(String name) {
        Optional<DomainObject<Active<ContainerRuntime>>> o = driver.domains().byName(name);
        return o.isPresent() ? o.get().job(o.get()::id) : OptionalInt.empty();
    }

    LxcHypervisor hypervisor() {
        return hv;
    }

    private void restore() {
        for (Map.Entry<String, String> e : store.configs().entrySet()) {
            try {
                DomainDef def = driver.codec().parse(e.getValue()).def();
                domains.restoreDefined(def);
            } catch (VirtException ex) {
                LOG.warn("skipping the stored definition {}.xml: {}", e.getKey(), ex.getMessage());
            }
        }
        for (Map.Entry<String, String> e : store.statuses().entrySet()) {
            String name = e.getKey();
            try {
                restoreActive(name, ContainerStatus.parse(e.getValue(), name + ".status"));
            } catch (VirtException ex) {
                LOG.warn("container '{}': cannot take it over ({}); cleaning up", name, ex.getMessage());
                cleanup(name);
            }
        }
    }

    private void restoreActive(String name, ContainerStatus status) {
        ContainerLifecycle life = hv.lifecycle();
        ContainerProcess p = new ContainerProcess(Optional.empty(), status.unsharePid(), status.initPid(),
                status.initStartTime());
        String liveXml = store.liveXml(name).orElse(null);
        if (liveXml == null || !life.isRunning(p)) {
            LOG.info("container '{}' stopped while no connection watched it; cleaning up", name);
            cleanup(name);
            return;
        }
        DomainDef live = xml.read(liveXml).def();
        Optional<DomainDef> persistent = driver.domains().byName(name)
                .flatMap(o -> o.job(o::persistent));
        boolean frozen;
        try {
            frozen = life.cgroups().isFrozen(life.cgroupOf(name));
        } catch (VirtException ex) {
            frozen = false;
        }
        StateInfo state = frozen ? new StateInfo(DomainState.PAUSED, StateReason.USER)
                : new StateInfo(DomainState.RUNNING, StateReason.BOOTED);
        domains.restoreActive(persistent, live, state, status.id(), status.numadNodes()
                .map(org.jvirt.host.NumadAdvice::new), watcher -> hv.attach(name, live, status, watcher));
    }

    private void cleanup(String name) {
        try {
            hv.lifecycle().teardown(name, hv.lifecycle().cgroupOf(name));
        } catch (VirtException ex) {
            LOG.warn("container '{}': cleanup failed: {}", name, ex.getMessage());
        }
    }

    @Override
    public HostOps host() {
        return host;
    }

    @Override
    public DomainOps domains() {
        return domains;
    }

    @Override
    public VcpuOps vcpus() {
        return vcpus;
    }

    /** Running containers keep running; their exits are seen by the next connection. */
    @Override
    public void close() {
        poller.shutdownNow();
        exits.shutdown();
    }
}
