package org.jvirt.driver;

import org.jvirt.model.DomainDef;

/**
 * The capability to bring single vCPUs of a running domain on- and offline (setvcpus, setvcpu
 * with LIVE). Core plans the steps (which vCPUs, in which order) and records each completed one.
 */
public interface VcpuHotplug<R> {
    /** Brings a vCPU online and places its thread as {@code plug} says. */
    void plug(R runtime, VcpuPlug plug);

    /** Takes vCPU {@code vcpu} offline (waits for completion, or UNPLUG_TIMEOUT). */
    void unplug(R runtime, int vcpu);

    /**
     * Whether online vCPU {@code vcpu} of {@code live} can be unplugged: for QEMU one plugged by
     * {@code device_add} ({@link org.jvirt.pinning.VcpuCountPlanner#pluggedByDeviceAdd}), for a
     * simulation any but vCPU 0.
     */
    boolean canUnplug(DomainDef live, int vcpu);
}
