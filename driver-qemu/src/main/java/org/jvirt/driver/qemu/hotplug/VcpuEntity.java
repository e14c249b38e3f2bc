package org.jvirt.driver.qemu.hotplug;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One hotpluggable vCPU entity of QEMU (docs/qemu.md#live-operations), mapped to jvirt's vCPU id.
 *
 * @param vcpu    jvirt's (libvirt's) vCPU id of the entity's first vCPU
 * @param type    QOM type for device_add, e.g. {@code qemu64-x86_64-cpu}
 * @param props   socket-id / die-id / core-id / thread-id / node-id, as QEMU gave them
 * @param qomPath present iff the entity is online
 * @param tid     host thread id (online entities, when QEMU reports distinct ones)
 * @param order   rank in query-cpus-fast order (1-based), 0 when offline
 */
public record VcpuEntity(int vcpu, String type, ObjectNode props, Optional<String> qomPath, OptionalLong tid,
                         int order) {
    public VcpuEntity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(props, "props");
        Objects.requireNonNull(qomPath, "qomPath");
        Objects.requireNonNull(tid, "tid");
    }

    public boolean online() {
        return qomPath.isPresent();
    }

    /** The device alias ({@code vcpuN}) when the entity was plugged by device_add; absent for -smp vCPUs. */
    public Optional<String> alias() {
        return qomPath.filter(p -> p.startsWith("/machine/peripheral/")).map(p -> p.substring(p.lastIndexOf('/') + 1));
    }
}
