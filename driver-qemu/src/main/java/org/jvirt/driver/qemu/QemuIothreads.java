package org.jvirt.driver.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jvirt.driver.IothreadHotplug;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.tuning.IothreadParameters;

/**
 * I/O threads of a running QEMU: {@code object-add} of an {@code iothread} object, its new thread
 * (found with {@code query-iothreads}) moved from the emulator group, where QEMU starts it, into
 * its own group with its CPUs, memory nodes and bandwidth, then its affinity, all before the add
 * returns; {@code object-del} and the group's removal; {@code qom-set} of the polling and pool
 * properties.
 */
final class QemuIothreads implements IothreadHotplug<QemuRuntime> {
    private final Monitors monitors;
    private final DomainLocks locks;

    QemuIothreads(Monitors monitors, DomainLocks locks) {
        this.monitors = monitors;
        this.locks = locks;
    }

    private static String objectId(int id) {
        return "iothread" + id;
    }

    @Override
    public void add(QemuRuntime rt, int id, ResolvedSet placement, DomainDef live) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            QmpClient q = monitors.forJob(rt);
            ObjectNode args = QmpClient.args().put("qom-type", "iothread").put("id", objectId(id));
            q.execute("object-add", args);
            try {
                long tid = threadOf(q, id);
                rt.cgroups.prepareIothread(id, placement, live.cputune(), rt.mems);
                rt.cgroups.attachIothread(id, tid, placement);
                rt.iothreadTids.put(id, tid);
            } catch (VirtException e) {
                try {
                    q.execute("object-del", QmpClient.args().put("id", objectId(id)));
                    removeGroup(rt, id);
                } catch (VirtException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
        }
    }

    private static long threadOf(QmpClient q, int id) {
        for (JsonNode io : q.execute("query-iothreads")) {
            if (io.path("id").asText("").equals(objectId(id))) {
                return io.path("thread-id").asLong();
            }
        }
        throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                "QEMU added I/O thread object %s but query-iothreads does not list it", objectId(id));
    }

    @Override
    public void delete(QemuRuntime rt, int id) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            monitors.forJob(rt).execute("object-del", QmpClient.args().put("id", objectId(id)));
            rt.iothreadTids.remove(id);
            removeGroup(rt, id);
        }
    }

    /**
     * QEMU joins the thread before {@code object-del} answers; whatever is still in the group
     * (nothing, normally) goes back to the emulator group rather than being killed with it.
     */
    private static void removeGroup(QemuRuntime rt, int id) {
        CgroupBackend b = rt.cgroups.backend();
        Cgroup g = rt.cgroups.iothread(id);
        if (!b.exists(g)) {
            return;
        }
        for (long tid : b.threads(g)) {
            b.attachThread(rt.cgroups.emulator(), tid);
        }
        b.remove(g);
    }

    @Override
    public void set(QemuRuntime rt, int id, IothreadParameters p) {
        try (DomainLocks.Held l = locks.acquire(rt.name)) {
            QmpClient q = monitors.forJob(rt);
            String path = "/objects/" + objectId(id);
            p.pollMaxNs().ifPresent(v -> qomSet(q, path, "poll-max-ns", v));
            p.pollGrow().ifPresent(v -> qomSet(q, path, "poll-grow", v));
            p.pollShrink().ifPresent(v -> qomSet(q, path, "poll-shrink", v));
            p.threadPoolMin().ifPresent(v -> qomSet(q, path, "thread-pool-min", v));
            p.threadPoolMax().ifPresent(v -> qomSet(q, path, "thread-pool-max", v));
        }
    }

    private static void qomSet(QmpClient q, String path, String property, long value) {
        q.execute("qom-set", QmpClient.args().put("path", path).put("property", property).put("value", value));
    }
}
