package org.jvirt.driver.qemu;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.jvirt.driver.VcpuHotplug;
import org.jvirt.driver.VcpuPlug;
import org.jvirt.driver.qemu.hotplug.VcpuDevices;
import org.jvirt.driver.qemu.hotplug.VcpuEntities;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.Ticker;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.VcpuEntry;

/**
 * vCPU hotplug of a running QEMU (docs/qemu.md#live-operations): {@code device_add} of the vCPU's entity, then its
 * new thread into its own cgroup with the placement core resolved, and {@code device_del} with
 * the wait for the guest to release it. Only the process holding the monitor can do either.
 */
final class QemuVcpuHotplug implements VcpuHotplug<QemuRuntime> {
    private final Supplier<HostTopology> host;
    private final Monitors monitors;
    private final DomainLocks locks;
    private final Duration unplugTimeout;
    private final Ticker ticker;

    QemuVcpuHotplug(Supplier<HostTopology> host, Monitors monitors, DomainLocks locks, Duration unplugTimeout, Ticker ticker) {
        this.host = host;
        this.monitors = monitors;
        this.locks = locks;
        this.unplugTimeout = unplugTimeout;
        this.ticker = ticker;
    }

    /**
     * The new vCPU thread is born in the emulator group, whose cpuset.mems is widened to every
     * host memory node for the plug (as libvirt does) and put back afterwards; the thread then
     * goes to its own group with the placement core resolved. That group is made while QEMU
     * runs the {@code device_add} (no wait of jvirt's own between the two).
     */
    @Override
    public void plug(QemuRuntime rt, VcpuPlug plug) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            CgroupBackend b = rt.cgroups.backend();
            Optional<CpuSet> oldMems = Optional.empty();
            if (b.has(CgroupController.CPUSET) && rt.mems.isPresent()) {
                oldMems = Optional.of(b.mems(rt.cgroups.emulator()));
                HostTopology t = host.get();
                b.setMems(rt.cgroups.emulator(), t.cellsWithMemory(t.cells().stream()
                        .map(c -> CpuSet.of(c.id())).reduce(CpuSet.EMPTY, CpuSet::union)));
            }
            try {
                int vcpu = plug.vcpu();
                QmpClient q = monitor(rt);
                VcpuDevices.Plugging adding = new VcpuDevices(q, rt.pid, ticker).begin(rt.entities, vcpu);
                // the vCPU's group is made while QEMU creates the vCPU; its thread joins it once known
                RuntimeException preparing = null;
                try {
                    rt.cgroups.prepareVcpu(vcpu, plug.placement(), plug.live().cputune(), rt.mems);
                } catch (RuntimeException e) {
                    preparing = e;
                }
                try {
                    rt.entities = adding.finish();
                } catch (RuntimeException e) {
                    if (preparing != null) {
                        e.addSuppressed(preparing);
                    }
                    removeQuietly(rt, vcpu, e); // QEMU refused the vCPU: its group goes too
                    throw e;
                }
                if (preparing != null) {
                    throw preparing;
                }
                Long tid = rt.entities.threadIds().get(vcpu);
                if (tid != null) {
                    rt.cgroups.attachVcpu(vcpu, tid, plug.placement());
                }
            } finally {
                oldMems.ifPresent(m -> b.setMems(rt.cgroups.emulator(), m));
            }
        }
    }

    private static void removeQuietly(QemuRuntime rt, int vcpu, RuntimeException failure) {
        try {
            rt.cgroups.removeVcpu(vcpu);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void unplug(QemuRuntime rt, int vcpu) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            rt.entities = new VcpuDevices(monitor(rt), rt.pid, ticker).unplug(rt.entities, vcpu, unplugTimeout);
            try {
                rt.cgroups.removeVcpu(vcpu);
            } catch (VirtException ignored) {
                // the thread is gone; an empty leftover group goes with the domain's
            }
        }
    }

    /**
     * The held monitor, or the domain's jobs monitor when another process holds it: QEMU sends
     * its events (DEVICE_DELETED) to every monitor, and the entities are asked for there, since
     * this process's list may be older than the last plug of another process.
     */
    private QmpClient monitor(QemuRuntime rt) {
        QmpClient q = monitors.forJob(rt);
        if (q != rt.qmp) {
            rt.entities = VcpuEntities.query(q, rt.pid);
        }
        return q;
    }

    @Override
    public boolean canUnplug(DomainDef live, int vcpu) {
        VcpuEntry e = live.vcpu().entry(vcpu);
        return e.enabled() && e.hotpluggable();
    }
}
