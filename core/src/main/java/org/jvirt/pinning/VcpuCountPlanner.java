package org.jvirt.pinning;

import static org.jvirt.pinning.PinChanges.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DomainDef;
import org.jvirt.model.ThreadSched;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuEntry;
import org.jvirt.model.VcpuPin;

/**
 * {@code setVcpus} as pure functions (docs/pinning.md#vcpu-count-setvcpus). The driver decides which definitions
 * are affected, performs the plugs/unplugs and stores the results; pins are never touched here
 * except when MAXIMUM drops vCPUs.
 */
public final class VcpuCountPlanner {
    private VcpuCountPlanner() {
    }

    /**
     * Plans a live change to {@code count} online vCPUs. Grow: offline vCPUs by ascending id;
     * shrink: online vCPUs by descending id that are hotpluggable <em>and</em> were plugged with
     * device_add (the boot vCPUs of {@code -smp} can never leave). libvirt:
     * {@code qemuDomainSelectHotplugVcpuEntities}.
     *
     * @param live        the live definition
     * @param unpluggable whether the driver can take online vCPU id away; QEMU:
     *                    {@link #pluggedByDeviceAdd}
     * @throws VirtException {@link ErrorCode#INVALID_ARG} {@code requested %d vCPUs but the live
     *                       maximum is %d}, or for 0; {@link ErrorCode#HOTPLUG_TARGET}
     *                       {@code no set of hotpluggable vCPUs gives exactly %d online vCPUs}
     */
    public static LivePlan planLive(DomainDef live, int count, IntPredicate unpluggable) {
        Vcpu v = live.vcpu();
        checkCount(count, v.max(), DefinitionKind.LIVE);
        int current = v.current();
        List<Integer> chosen = new ArrayList<>();
        if (count > current) {
            for (int id = 0; id < v.max() && current + chosen.size() < count; id++) {
                VcpuEntry e = v.entry(id);
                if (!e.enabled() && e.hotpluggable()) {
                    chosen.add(id);
                }
            }
        } else if (count < current) {
            for (int id = v.max() - 1; id >= 0 && current - chosen.size() > count; id--) {
                VcpuEntry e = v.entry(id);
                if (e.enabled() && unpluggable.test(id)) {
                    chosen.add(id);
                }
            }
        }
        if (Math.abs(count - current) != chosen.size()) {
            throw error(ErrorCode.HOTPLUG_TARGET, "no set of hotpluggable vCPUs gives exactly %d online vCPUs", count);
        }
        LivePlan.Action action = count > current ? LivePlan.Action.PLUG
                : count < current ? LivePlan.Action.UNPLUG : LivePlan.Action.NONE;
        return new LivePlan(action, chosen);
    }

    /**
     * The live definition with {@code count} vCPUs online, the first ones, for a domain whose
     * vCPUs are no devices (a container: the count is a CPU bandwidth, nothing is plugged).
     *
     * @throws VirtException {@link ErrorCode#INVALID_ARG} {@code requested %d vCPUs but the live
     *                       maximum is %d}, or for 0
     */
    public static DomainDef planCount(DomainDef live, int count) {
        Vcpu v = live.vcpu();
        checkCount(count, v.max(), DefinitionKind.LIVE);
        return live.withVcpu(v.withEntries(Vcpu.defaultEntries(v.max(), count)));
    }

    /**
     * QEMU's rule of which online vCPUs can be unplugged: hotpluggable ones that were plugged with
     * device_add (have a device alias); the boot vCPUs of {@code -smp} never can.
     */
    public static IntPredicate pluggedByDeviceAdd(DomainDef live, IntPredicate hasAlias) {
        return id -> id >= 0 && id < live.vcpu().max() && live.vcpu().entry(id).hotpluggable() && hasAlias.test(id);
    }

    /**
     * The live definition after {@code vcpu} was plugged: online, hotpluggable, next order (if no
     * online vCPU had an order yet, the online ones first get 1..n by id, which is how the boot
     * vCPUs came up), and {@code <vcpus>} is written from now on. Its stored pin, if any, stays.
     */
    public static DomainDef plugged(DomainDef live, int vcpu) {
        Vcpu v = live.vcpu();
        requireState(v, vcpu, false);
        List<VcpuEntry> list = new ArrayList<>(v.entries());
        boolean anyOrder = false;
        for (VcpuEntry e : list) {
            anyOrder |= e.enabled() && e.order() != 0;
        }
        int next = 0;
        for (int i = 0; i < list.size(); i++) {
            VcpuEntry e = list.get(i);
            if (e.enabled() && !anyOrder) {
                list.set(i, e.withOrder(++next));
            }
            next = Math.max(next, list.get(i).order());
        }
        list.set(vcpu, new VcpuEntry(vcpu, true, true, next + 1));
        return live.withVcpu(v.withEntries(list).withDetailed(true));
    }

    /** The live definition after {@code vcpu} was unplugged: offline, order cleared, pin kept. */
    public static DomainDef unplugged(DomainDef live, int vcpu) {
        Vcpu v = live.vcpu();
        requireState(v, vcpu, true);
        return live.withVcpu(v.withEntry(new VcpuEntry(vcpu, false, true, 0)).withDetailed(true));
    }

    private static void requireState(Vcpu v, int vcpu, boolean online) {
        if (vcpu < 0 || vcpu >= v.max()) {
            throw DefinitionKind.outOfRange(DefinitionKind.LIVE, vcpu, v.max());
        }
        if (v.isOnline(vcpu) != online) {
            throw error(ErrorCode.OPERATION_INVALID, "vCPU %d is already %s", vcpu, online ? "offline" : "online");
        }
    }

    /**
     * Cold plug/unplug in the persistent definition: all orders are cleared; growing turns the
     * lowest offline vCPUs online, each hotpluggable when {@code hotpluggable} is set or an
     * earlier online vCPU is hotpluggable (boot vCPUs must stay first), and then {@code <vcpus>}
     * is written; shrinking turns the highest online vCPUs offline and hotpluggable. Pins stay.
     * libvirt: {@code qemuDomainSetVcpusConfig}.
     *
     * @throws VirtException {@link ErrorCode#INVALID_ARG} {@code requested %d vCPUs but the
     *                       persistent maximum is %d}, or for 0
     */
    public static DomainDef planConfig(DomainDef persistent, int count, boolean hotpluggable) {
        Vcpu v = persistent.vcpu();
        checkCount(count, v.max(), DefinitionKind.PERSISTENT);
        List<VcpuEntry> list = clearedOrders(v.entries());
        int current = v.current();
        boolean detailed = v.detailed();
        boolean hp = hotpluggable;
        if (count > current) {
            for (int i = 0; i < list.size() && current < count; i++) {
                VcpuEntry e = list.get(i);
                if (e.enabled()) {
                    hp |= e.hotpluggable();
                    continue;
                }
                list.set(i, e.withEnabled(true).withHotpluggable(hp));
                detailed |= hp;
                current++;
            }
        } else {
            for (int i = list.size() - 1; i >= 0 && current > count; i--) {
                if (list.get(i).enabled()) {
                    list.set(i, list.get(i).withEnabled(false).withHotpluggable(true));
                    current--;
                }
            }
        }
        return persistent.withVcpu(v.withEntries(list).withDetailed(detailed));
    }

    /**
     * A new maximum for the persistent definition (the MAXIMUM flag; the driver refuses it for a
     * running domain). Entries and pins (and vcpusched members) of vCPUs at or above the new
     * maximum are dropped, new vCPUs are offline and hotpluggable, all orders are cleared.
     * libvirt: {@code qemuDomainSetVcpusMax}.
     *
     * @throws VirtException {@link ErrorCode#INVALID_ARG} when the maximum is outside
     *                       [1, {@value Vcpu#LIMIT}], below the vCPUs named by guest NUMA cells, or
     *                       different from the product of {@code <cpu><topology>}
     */
    public static DomainDef planMaximum(DomainDef persistent, int newMax) {
        if (newMax < 1 || newMax > Vcpu.LIMIT) {
            throw error(ErrorCode.INVALID_ARG, "requested maximum %d vCPUs is outside [1, %d]", newMax, Vcpu.LIMIT);
        }
        if (persistent.cpu().isPresent()) {
            CpuDef cpu = persistent.cpu().get();
            int named = cpu.numaCells().stream().mapToInt(c -> c.cpus().size()).sum();
            if (named > newMax) {
                throw error(ErrorCode.INVALID_ARG,
                        "requested maximum %d vCPUs but the guest NUMA cells name %d vCPUs", newMax, named);
            }
            for (CpuDef.NumaCell c : cpu.numaCells()) {
                if (c.cpus().last() >= newMax) {
                    throw error(ErrorCode.INVALID_ARG,
                            "requested maximum %d vCPUs but guest NUMA cell %d names vCPU %d",
                            newMax, c.id(), c.cpus().last());
                }
            }
            if (cpu.topology().isPresent() && cpu.topology().get().product() != newMax) {
                throw error(ErrorCode.INVALID_ARG, "requested maximum %d vCPUs but the CPU topology gives %d",
                        newMax, cpu.topology().get().product());
            }
        }
        Vcpu v = persistent.vcpu().withMax(newMax);
        v = v.withEntries(clearedOrders(v.entries()));
        CpuTune t = persistent.cputune();
        List<VcpuPin> pins = t.vcpuPins().stream().filter(p -> p.vcpu() < newMax).toList();
        List<ThreadSched> scheds = new ArrayList<>();
        for (ThreadSched s : t.vcpuScheds()) {
            CpuSet kept = s.ids().orElse(CpuSet.EMPTY).below(newMax);
            if (!kept.isEmpty()) {
                scheds.add(new ThreadSched(Optional.of(kept), s.scheduler(), s.priority()));
            }
        }
        return persistent.withVcpu(v).withCputune(t.withVcpuPins(pins).withVcpuScheds(scheds));
    }

    static List<VcpuEntry> clearedOrders(List<VcpuEntry> entries) {
        List<VcpuEntry> list = new ArrayList<>(entries.size());
        for (VcpuEntry e : entries) {
            list.add(e.withOrder(0));
        }
        return list;
    }

    private static void checkCount(int count, int max, DefinitionKind kind) {
        if (count < 1) {
            throw error(ErrorCode.INVALID_ARG, "requested %d vCPUs: vCPU 0 must stay online", count);
        }
        if (count > max) {
            throw error(ErrorCode.INVALID_ARG, "requested %d vCPUs but the %s maximum is %d", count, kind.word(), max);
        }
    }
}
