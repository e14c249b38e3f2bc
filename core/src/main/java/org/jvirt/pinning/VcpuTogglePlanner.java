package org.jvirt.pinning;

import static org.jvirt.pinning.PinChanges.error;

import java.util.List;
import java.util.function.IntPredicate;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuEntry;

/**
 * {@code setVcpu(ids, enable)}: switching individual vCPUs (docs/pinning.md#vcpu-count-setvcpus) as pure functions.
 * libvirt: {@code qemuDomainSetVcpuInternal}, {@code qemuDomainFilterHotplugVcpuEntities},
 * {@code qemuDomainVcpuValidateConfig}, {@code qemuDomainSetVcpuConfig}.
 */
public final class VcpuTogglePlanner {
    private VcpuTogglePlanner() {
    }

    /**
     * Plans a live switch: exactly one vCPU per call; enabling plugs an offline vCPU, disabling
     * unplugs an online vCPU that was hot-plugged by device_add.
     *
     * @throws VirtException {@link ErrorCode#INVALID_ARG} for vCPU 0, an id not below MAX, a vCPU
     *                       already in the requested state, or one that cannot be unplugged;
     *                       {@link ErrorCode#OPERATION_UNSUPPORTED} for more than one vCPU
     */
    public static LivePlan planLive(DomainDef live, CpuSet ids, boolean enable, IntPredicate unpluggable) {
        Vcpu v = live.vcpu();
        checkCommon(v, ids, enable, DefinitionKind.LIVE);
        if (ids.size() != 1) {
            throw error(ErrorCode.OPERATION_UNSUPPORTED,
                    "only one hotpluggable vCPU can be switched per call, %d were selected", ids.size());
        }
        int id = ids.first();
        VcpuEntry e = v.entry(id);
        if (enable ? !e.hotpluggable() : !unpluggable.test(id)) {
            throw error(ErrorCode.INVALID_ARG, "vCPU %d cannot be %s: it is not a hot-plugged vCPU",
                    id, enable ? "plugged" : "unplugged");
        }
        return new LivePlan(enable ? LivePlan.Action.PLUG : LivePlan.Action.UNPLUG, List.of(id));
    }

    /**
     * Switches vCPUs in the persistent definition: no online vCPU that is not hotpluggable may
     * follow the first selected one (boot vCPUs stay clustered from vCPU 0); the selected vCPUs
     * become hotpluggable, all orders are cleared, and {@code <vcpus>} is written from now on.
     *
     * @throws VirtException {@link ErrorCode#INVALID_ARG} for vCPU 0, an id not below MAX, a vCPU
     *                       already in the requested state, or a boot vCPU after the selection
     */
    public static DomainDef planConfig(DomainDef persistent, CpuSet ids, boolean enable) {
        Vcpu v = persistent.vcpu();
        checkCommon(v, ids, enable, DefinitionKind.PERSISTENT);
        int first = ids.first();
        for (int i = first + 1; i < v.max(); i++) {
            VcpuEntry e = v.entry(i);
            if (e.enabled() && !e.hotpluggable()) {
                throw error(ErrorCode.INVALID_ARG,
                        "vCPU %d cannot be changed: it is followed by vCPU %d, which is online and not hotpluggable",
                        first, i);
            }
        }
        List<VcpuEntry> list = VcpuCountPlanner.clearedOrders(v.entries());
        for (int id : ids.stream().toArray()) {
            list.set(id, list.get(id).withEnabled(enable).withHotpluggable(true));
        }
        return persistent.withVcpu(v.withEntries(list).withDetailed(true));
    }

    private static void checkCommon(Vcpu v, CpuSet ids, boolean enable, DefinitionKind kind) {
        if (ids.isEmpty()) {
            throw error(ErrorCode.INVALID_ARG, "no vCPU selected");
        }
        if (ids.last() >= v.max()) {
            throw DefinitionKind.outOfRange(kind, ids.last(), v.max());
        }
        if (ids.contains(0)) {
            throw error(ErrorCode.INVALID_ARG, "vCPU 0 cannot be changed: it must stay online");
        }
        for (int id : ids.stream().toArray()) {
            if (v.isOnline(id) == enable) {
                throw error(ErrorCode.INVALID_ARG, "vCPU %d is already %s", id, enable ? "online" : "offline");
            }
        }
    }
}
