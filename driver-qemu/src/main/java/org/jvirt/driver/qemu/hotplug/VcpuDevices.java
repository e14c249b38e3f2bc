package org.jvirt.driver.qemu.hotplug;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.Ticker;

/**
 * vCPU hotplug and unplug through QMP (docs/qemu.md#live-operations). Cgroups and affinity of a plugged vCPU are
 * the caller's (it gets the new entity list with the thread id).
 */
public final class VcpuDevices {
    private static final Duration POLL = Duration.ofMillis(20);

    private final QmpClient qmp;
    private final long pid;
    private final Ticker ticker;

    /** The vCPUs of QEMU process {@code pid} through {@code qmp}; {@code ticker} times the unplug's polls. */
    public VcpuDevices(QmpClient qmp, long pid, Ticker ticker) {
        this.qmp = qmp;
        this.pid = pid;
        this.ticker = ticker;
    }

    public static String alias(int vcpu) {
        return "vcpu" + vcpu;
    }

    /** {@code device_add} of vCPU {@code vcpu}'s entity; returns the refreshed entities (5.1 steps 2-3). */
    public VcpuEntities plug(VcpuEntities before, int vcpu) {
        return begin(before, vcpu).finish();
    }

    /**
     * Sends the {@code device_add} of vCPU {@code vcpu}'s entity and the queries that find its
     * thread, without waiting: QEMU creates the vCPU while the caller does work that does not need
     * the thread (its cgroup, say), then {@link Plugging#finish} collects the replies.
     */
    public Plugging begin(VcpuEntities before, int vcpu) {
        VcpuEntity e = before.entity(vcpu);
        if (e.online()) {
            throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "vCPU %d is already online", vcpu);
        }
        ObjectNode args = QmpClient.args();
        args.put("driver", e.type());
        args.put("id", alias(vcpu));
        Iterator<Map.Entry<String, JsonNode>> it = e.props().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> p = it.next();
            args.set(p.getKey(), p.getValue());
        }
        // the queries go with the device_add: one round trip, and they see the state it left
        QmpClient.Pending added = qmp.submit("device_add", args);
        return new Plugging(vcpu, added, VcpuEntities.submitQuery(qmp));
    }

    /** A {@code device_add} in flight ({@link #begin}). */
    public final class Plugging {
        private final int vcpu;
        private final QmpClient.Pending added;
        private final VcpuEntities.Query query;

        private Plugging(int vcpu, QmpClient.Pending added, VcpuEntities.Query query) {
            this.vcpu = vcpu;
            this.added = added;
            this.query = query;
        }

        /** Waits for QEMU's replies; the refreshed entities, the vCPU online with its thread. */
        public VcpuEntities finish() {
            try {
                added.get();
            } catch (RuntimeException failed) {
                query.drop();
                throw failed;
            }
            VcpuEntities after = query.get(pid);
            VcpuEntity now = after.entity(vcpu);
            if (!now.online()) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                        "QEMU accepted vCPU %d but does not list it online", vcpu);
            }
            if (now.tid().isEmpty() && !after.threadIds().isEmpty()) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                        "QEMU gave no thread id for the new vCPU %d while other vCPUs have one", vcpu);
            }
            return after;
        }
    }

    /**
     * {@code device_del} and the wait for completion (docs/qemu.md#live-operations): complete on DEVICE_DELETED
     * naming the alias, or whose path is the entity's qom-path or below it; refused on
     * DEVICE_UNPLUG_GUEST_ERROR; after {@code timeout} QEMU is asked once more and the unplug
     * counts as done if the entity lost its qom-path, else UNPLUG_TIMEOUT (nothing changed).
     *
     * @return the refreshed entities, the vCPU offline
     */
    public VcpuEntities unplug(VcpuEntities before, int vcpu, Duration timeout) {
        VcpuEntity e = before.entity(vcpu);
        String alias = e.alias().orElseThrow(() -> VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU,
                "vCPU %d cannot be unplugged: it was not hot-plugged (a -smp vCPU)", vcpu));
        String path = e.qomPath().orElseThrow();
        QmpClient.Expectation done = qmp.expect(ev -> isRemoval(ev, alias, path)
                || ev.name().equals("DEVICE_UNPLUG_GUEST_ERROR") && alias.equals(ev.text("device")));
        Optional<QmpEvent> ev;
        long deadline = ticker.nanoTime() + timeout.toNanos();
        try {
            ObjectNode args = QmpClient.args();
            args.put("id", alias);
            qmp.execute("device_del", args);
            ev = done.await(timeout);
        } finally {
            done.cancel();
        }
        if (ev.isPresent() && ev.get().name().equals("DEVICE_UNPLUG_GUEST_ERROR")) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                    "the guest refused to release vCPU %d", vcpu);
        }
        VcpuEntities after = VcpuEntities.query(qmp, pid);
        // a child's DEVICE_DELETED (the lapic) can come just before the CPU itself is gone
        while (ev.isPresent() && after.entity(vcpu).online() && ticker.nanoTime() - deadline < 0) {
            ticker.sleep(POLL);
            after = VcpuEntities.query(qmp, pid);
        }
        VcpuEntity now = after.entity(vcpu);
        if (now.online()) {
            throw VirtException.of(ErrorCode.UNPLUG_TIMEOUT, ErrorDomain.QEMU,
                    "vCPU %d did not leave within %d ms; state unknown, inspect the guest", vcpu, timeout.toMillis());
        }
        return after;
    }

    static boolean isRemoval(QmpEvent ev, String alias, String qomPath) {
        if (!ev.name().equals("DEVICE_DELETED")) {
            return false;
        }
        String p = ev.text("path");
        return alias.equals(ev.text("device")) || p.equals(qomPath) || p.startsWith(qomPath + "/");
    }
}
