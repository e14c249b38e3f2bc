package org.jvirt.driver.qemu;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
     * The new vCPU threads are born in the emulator group, whose cpuset.mems is widened to every
     * host memory node for the plan (as libvirt does) and put back afterwards; each thread then
     * goes to its own group with the placement core resolved. A vCPU's group is made while QEMU
     * runs its {@code device_add}, and the next vCPU's {@code device_add} goes out as soon as QEMU
     * accepted the previous one, before that one's thread is placed: no wait of jvirt's own
     * between QEMU's steps. The next {@code device_add} is sent only after QEMU accepted the
     * previous vCPU, so a refused vCPU leaves those after it untouched.
     */
    @Override
    public void plug(QemuRuntime rt, List<VcpuPlug> plugs, Consumer<VcpuPlug> plugged) {
        if (plugs.isEmpty()) {
            return;
        }
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
                VcpuDevices devices = new VcpuDevices(monitor(rt), rt.pid, ticker);
                Adding next = new Adding(devices, rt, plugs.get(0));
                for (int i = 0; i < plugs.size(); i++) {
                    Adding current = next;
                    current.accepted();
                    next = null;
                    RuntimeException notSent = null;
                    if (i + 1 < plugs.size()) {
                        try {
                            next = new Adding(devices, rt, plugs.get(i + 1));
                        } catch (RuntimeException e) {
                            notSent = e;
                        }
                    }
                    try {
                        current.place();
                        plugged.accept(current.plug);
                    } catch (RuntimeException e) {
                        if (next != null) {
                            next.settle(e, plugged);
                        }
                        throw e;
                    }
                    if (notSent != null) {
                        throw notSent;
                    }
                }
            } finally {
                oldMems.ifPresent(m -> b.setMems(rt.cgroups.emulator(), m));
            }
        }
    }

    /** One vCPU's {@code device_add}, sent (with the queries for its thread) and its group made. */
    private static final class Adding {
        final VcpuPlug plug;
        private final QemuRuntime rt;
        private final VcpuDevices.Plugging sent;
        private final RuntimeException preparing;

        Adding(VcpuDevices devices, QemuRuntime rt, VcpuPlug plug) {
            this.plug = plug;
            this.rt = rt;
            this.sent = devices.begin(rt.entities, plug.vcpu());
            // the vCPU's group is made while QEMU creates the vCPU; its thread joins it once known
            RuntimeException failed = null;
            try {
                rt.cgroups.prepareVcpu(plug.vcpu(), plug.placement(), plug.live().cputune(), rt.mems);
            } catch (RuntimeException e) {
                failed = e;
            }
            this.preparing = failed;
        }

        /** Waits for QEMU's replies; throws when QEMU refused the vCPU (its group removed) or the group failed. */
        void accepted() {
            try {
                rt.entities = sent.finish();
            } catch (RuntimeException e) {
                if (preparing != null) {
                    e.addSuppressed(preparing);
                }
                removeQuietly(rt, plug.vcpu(), e); // QEMU refused the vCPU: its group goes too
                throw e;
            }
            if (preparing != null) {
                throw preparing;
            }
        }

        /** The new thread into its group, then its affinity. */
        void place() {
            Long tid = rt.entities.threadIds().get(plug.vcpu());
            if (tid != null) {
                rt.cgroups.attachVcpu(plug.vcpu(), tid, plug.placement());
            }
        }

        /**
         * After the previous vCPU could not be placed ({@code failure}): what became of this one,
         * already sent. Online in QEMU and placed, it is reported; what else fails joins {@code failure}.
         */
        void settle(RuntimeException failure, Consumer<VcpuPlug> plugged) {
            try {
                accepted();
                place();
                plugged.accept(plug);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
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
