package org.jvirt.driver;

import java.util.List;
import java.util.function.Consumer;

import org.jvirt.model.DomainDef;

/**
 * The capability to bring vCPUs of a running domain on- and offline (setvcpus, setvcpu with
 * LIVE). Core plans the steps (which vCPUs, in which order) and records each completed one.
 */
public interface VcpuHotplug<R> {
    /**
     * Brings the vCPUs of {@code plugs} online in their order, each placed as it says, and calls
     * {@code plugged} (on the caller's thread, in that order) for each one as soon as it is online
     * and placed. The whole plan is given at once so that a driver can start the next vCPU before
     * the previous one is placed (QEMU sends the next {@code device_add} while the previous
     * thread moves into its group). Stops at the first vCPU the hypervisor refuses and throws:
     * that one and those after it change nothing, the ones reported stay online. When a vCPU the
     * hypervisor accepted cannot be placed, it is not reported and the call throws, having
     * reported any later vCPU the hypervisor had already accepted and that could be placed.
     */
    void plug(R runtime, List<VcpuPlug> plugs, Consumer<VcpuPlug> plugged);

    /** Takes vCPU {@code vcpu} offline (waits for completion, or UNPLUG_TIMEOUT). */
    void unplug(R runtime, int vcpu);

    /**
     * Whether online vCPU {@code vcpu} of {@code live} can be unplugged: for QEMU one plugged by
     * {@code device_add} ({@link org.jvirt.pinning.VcpuCountPlanner#pluggedByDeviceAdd}), for a
     * simulation any but vCPU 0.
     */
    boolean canUnplug(DomainDef live, int vcpu);
}
