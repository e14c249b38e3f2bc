package org.jvirt.pinning;

import java.util.List;
import java.util.Objects;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;

/**
 * What a live vCPU change must do: plug or unplug these vCPUs, one at a time, in this order
 * (docs/pinning.md#vcpu-count-setvcpus, docs/qemu.md#live-operations). After each completed step the driver
 * records it with
 * {@link #applyStep}; a failed step leaves the live definition as it was.
 *
 * @param action what every step does
 * @param vcpus  vCPU ids in the order they must be handled; empty when nothing changes
 */
public record LivePlan(Action action, List<Integer> vcpus) {
    public LivePlan {
        Objects.requireNonNull(action, "action");
        vcpus = List.copyOf(vcpus);
    }

    /** The kind of the steps. */
    public enum Action {
        /** Nothing to do: the count is already reached. */
        NONE,
        /** device_add each vCPU (ascending ids). */
        PLUG,
        /** device_del each vCPU (descending ids). */
        UNPLUG
    }

    public boolean isEmpty() {
        return vcpus.isEmpty();
    }

    /**
     * The live definition after one completed step on {@code vcpu}:
     * {@link VcpuCountPlanner#plugged} or {@link VcpuCountPlanner#unplugged}.
     */
    public DomainDef applyStep(DomainDef live, int vcpu) {
        if (!vcpus.contains(vcpu)) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.PINNING, "vCPU %d is not a step of this plan", vcpu);
        }
        return action == Action.PLUG ? VcpuCountPlanner.plugged(live, vcpu) : VcpuCountPlanner.unplugged(live, vcpu);
    }
}
