package org.jvirt.pinning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuEntry;

/** The semantic rules on {@code <vcpu>}, {@code <vcpus>} and {@code <cpu>} (V4, V11, V12, V22, V23). */
final class VcpuRules {
    private VcpuRules() {
    }

    static VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, ErrorDomain.DOMAIN_CONF, format, args);
    }

    static void check(DomainDef def, ValidationContext ctx) {
        Vcpu v = def.vcpu();
        // V4: jvirt refuses current=0 in every driver (libvirt: QEMU only)
        if (!v.isOnline(0)) {
            throw error(ErrorCode.VCPU_STATE, "vcpu: vCPU 0 must stay online");
        }
        if (v.cpuset().isPresent() && v.cpuset().get().isEmpty()) {
            throw error(ErrorCode.CPUSET_EMPTY, "vcpu cpuset: CPU set '' selects no CPU");
        }
        if (!ctx.isVm() && v.detailed()) {
            throw error(ErrorCode.CONFIG_UNSUPPORTED,
                    "vcpus: individual vCPU states (<vcpus>) are not supported for containers; use <vcpu current='N'>");
        }
        // V11
        for (VcpuEntry e : v.entries()) {
            if (!e.enabled() && !e.hotpluggable()) {
                throw error(ErrorCode.VCPU_STATE, "vcpus: vCPU %d is offline but not hotpluggable", e.id());
            }
        }
        if (ctx.isVm()) {
            checkOrder(v);
        }
    }

    /** V12 at define, for VM drivers: the order rules of {@code <vcpus>} (docs/pinning.md, "Validation rules"). */
    private static void checkOrder(Vcpu v) {
        VcpuEntry first = v.entry(0);
        if (first.hotpluggable()) {
            throw error(ErrorCode.VCPU_STATE, "vcpus: vCPU 0 must not be hotpluggable");
        }
        if (first.order() > 1) {
            throw error(ErrorCode.VCPU_STATE, "vcpus: vCPU 0 must come online first (order 0 or 1), not order %d",
                    first.order());
        }
        boolean hasOrder = first.order() != 0;
        VcpuEntry prev = first;
        for (int i = 1; i < v.max(); i++) {
            VcpuEntry e = v.entry(i);
            if (e.enabled() && (e.order() != 0) != hasOrder) {
                throw error(ErrorCode.VCPU_STATE,
                        "vcpus: either every online vCPU has an order or none has (vCPU 0 has %s, vCPU %d has %s)",
                        describe(first.order()), i, describe(e.order()));
            }
            if (!e.hotpluggable()) {
                if (prev.hotpluggable()) {
                    throw error(ErrorCode.VCPU_STATE,
                            "vcpus: vCPU %d is not hotpluggable but follows hotpluggable vCPU %d "
                                    + "(vCPUs that are not hotpluggable must come first)", i, prev.id());
                }
                if (prev.order() > e.order()) {
                    throw error(ErrorCode.VCPU_STATE,
                            "vcpus: vCPU %d has order %d, below order %d of vCPU %d "
                                    + "(vCPUs that are not hotpluggable must be in ascending order)",
                            i, e.order(), prev.order(), prev.id());
                }
            }
            prev = e;
        }
    }

    private static String describe(int order) {
        return order == 0 ? "none" : "order " + order;
    }

    /** V12 at start, for VM drivers: orders are unique and not above the maximum. */
    static void checkStartOrder(Vcpu v) {
        Map<Integer, Integer> seen = new HashMap<>();
        for (VcpuEntry e : v.entries()) {
            if (e.order() == 0) {
                continue;
            }
            if (e.order() > v.max()) {
                throw error(ErrorCode.VCPU_STATE, "vcpus: vCPU %d has order %d, above the maximum %d",
                        e.id(), e.order(), v.max());
            }
            Integer other = seen.putIfAbsent(e.order(), e.id());
            if (other != null) {
                throw error(ErrorCode.VCPU_STATE, "vcpus: order %d is given to both vCPU %d and vCPU %d",
                        e.order(), other, e.id());
            }
        }
    }

    /** V22 (every driver) and V23 (drivers that need the topology to give the maximum: QEMU). */
    static void checkCpu(DomainDef def, ValidationContext ctx) {
        if (def.cpu().isEmpty()) {
            return;
        }
        CpuDef cpu = def.cpu().get();
        int max = def.vcpu().max();
        checkCells(cpu.numaCells(), max);
        if (ctx.topologyIsMaximum() && cpu.topology().isPresent() && cpu.topology().get().product() != max) {
            throw error(ErrorCode.VCPU_COUNT, "cpu: topology gives %d vCPUs, maximum is %d",
                    cpu.topology().get().product(), max);
        }
    }

    private static void checkCells(List<CpuDef.NumaCell> cells, int max) {
        long total = 0;
        for (CpuDef.NumaCell c : cells) {
            if (c.cpus().last() >= max) {
                throw error(ErrorCode.VCPU_ID,
                        "numa: cell CPUs exceed the vCPU count (cell %d names vCPU %d, maximum is %d)",
                        c.id(), c.cpus().last(), max);
            }
            total += c.cpus().size();
        }
        if (total > max) {
            throw error(ErrorCode.VCPU_ID, "numa: cell CPUs exceed the vCPU count (%d named, maximum is %d)",
                    total, max);
        }
        for (int i = 0; i < cells.size(); i++) {
            for (int j = i + 1; j < cells.size(); j++) {
                CpuSet both = cells.get(i).cpus().intersect(cells.get(j).cpus());
                if (!both.isEmpty()) {
                    throw error(ErrorCode.VCPU_ID, "numa: cells %d and %d both name vCPU %d",
                            cells.get(i).id(), cells.get(j).id(), both.first());
                }
            }
        }
    }
}
