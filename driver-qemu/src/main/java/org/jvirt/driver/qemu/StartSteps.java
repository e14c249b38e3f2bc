package org.jvirt.driver.qemu;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.jvirt.driver.qemu.cgroup.DomainCgroups;
import org.jvirt.driver.qemu.hotplug.VcpuEntities;
import org.jvirt.driver.qemu.hotplug.VcpuEntity;
import org.jvirt.driver.qemu.hotplug.VcpuDevices;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.Ticker;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;
import org.jvirt.model.VcpuEntry;
import org.jvirt.pinning.EffectivePinning;

/**
 * Steps of a QEMU start that are about threads (docs/qemu.md#start, steps 7-8): numad's nodes and
 * cpuset.mems, the boot-time vCPU hotplug, and placing every thread in its cgroup with its
 * affinity.
 */
final class StartSteps {
    private StartSteps() {
    }

    /** cpuset.mems: the strict/restrictive numatune node set, or numad's nodes with placement auto. */
    static Optional<CpuSet> mems(DomainDef def, Optional<CpuSet> numadNodes) {
        Optional<NumaTune.Memory> m = def.numatune().flatMap(NumaTune::memory);
        if (m.isEmpty() || !(m.get().mode() == NumaMode.STRICT || m.get().mode() == NumaMode.RESTRICTIVE)) {
            return Optional.empty();
        }
        return m.get().placement() == Placement.AUTO ? numadNodes : m.get().nodeset();
    }
    /** Steps 11-12: device_add of enabled hotpluggable vCPUs, then thread ids and checks. */
    static void bootHotplug(QemuRuntime rt, DomainDef def, Ticker ticker) {
        VcpuEntities ents = VcpuEntities.query(rt.qmp, rt.pid);
        VcpuDevices hp = new VcpuDevices(rt.qmp, rt.pid, ticker);
        List<VcpuEntry> plug = def.vcpu().entries().stream().filter(e -> e.enabled() && e.hotpluggable())
                .sorted((a, b) -> a.order() != b.order() ? Integer.compare(a.order(), b.order())
                        : Integer.compare(a.id(), b.id())).toList();
        for (VcpuEntry e : plug) {
            ents = hp.plug(ents, e.id());
        }
        for (int id = 0; id < def.vcpu().max(); id++) {
            VcpuEntity en = ents.entity(id);
            if (en.online() != def.vcpu().isOnline(id)) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                        "QEMU reports vCPU %d %s, the definition says %s", id, en.online() ? "online" : "offline",
                        def.vcpu().isOnline(id) ? "online" : "offline");
            }
        }
        if (!ents.perVcpuThreads() && !def.cputune().vcpuPins().isEmpty()) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "cputune: QEMU runs all vCPUs in one thread (TCG without MTTCG): no per-vCPU affinity for vcpupin");
        }
        rt.entities = ents;
    }
    /**
     * The groups of the vCPUs the definition has online and of its I/O threads, made with the
     * domain's groups before QEMU exists, so that placing a thread once QMP names it is a move and
     * an affinity. (Made during QEMU's start-up instead, their mkdirs queue on the kernel's cgroup
     * mutex with the spawn wrapper's moves.)
     */
    static void prepareThreadGroups(DomainCgroups cg, DomainDef def, EffectivePinning pinning, Optional<CpuSet> mems) {
        for (int id = 0; id < def.vcpu().max(); id++) {
            if (def.vcpu().isOnline(id)) {
                cg.prepareVcpu(id, pinning.vcpu(id), def.cputune(), mems);
            }
        }
        for (int id : def.iothreads().ids()) {
            cg.prepareIothread(id, pinning.iothread(id), def.cputune(), mems);
        }
    }

    /**
     * Steps 14-17: I/O thread ids, then per vCPU / I/O thread / emulator thread placement into the
     * groups {@link #prepareThreadGroups} made (bootHotplug checked that QEMU's online vCPUs are
     * the definition's).
     */
    static void placeThreads(QemuRuntime rt, DomainDef def, EffectivePinning pinning, ProcFs proc,
                             QmpClient.Pending iothreads) {
        rt.iothreadTids.clear();
        for (JsonNode io : iothreads.get()) {
            String id = io.path("id").asText("");
            if (id.startsWith("iothread")) {
                try {
                    rt.iothreadTids.put(Integer.parseInt(id.substring(8)), io.path("thread-id").asLong());
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        Set<Long> placed = new HashSet<>();
        for (Map.Entry<Integer, Long> v : rt.entities.threadIds().entrySet()) {
            rt.cgroups.attachVcpu(v.getKey(), v.getValue(), pinning.vcpu(v.getKey()));
            placed.add(v.getValue());
        }
        for (Map.Entry<Integer, Long> io : rt.iothreadTids.entrySet()) {
            if (def.iothreads().ids().contains(io.getKey())) {
                rt.cgroups.attachIothread(io.getKey(), io.getValue(), pinning.iothread(io.getKey()));
                placed.add(io.getValue());
            }
        }
        for (long tid : ProcFs.ifReadable(() -> proc.threads(rt.pid)).orElse(List.of())) {
            if (!placed.contains(tid)) {
                rt.cgroups.placeEmulatorThread(tid, pinning.emulator());
            }
        }
    }
    /** The live definition with each online vCPU's order (only when the definition lists {@code <vcpus>}). */
    static DomainDef withOrders(DomainDef def, VcpuEntities ents) {
        if (!def.vcpu().detailed()) {
            return def;
        }
        List<VcpuEntry> out = new ArrayList<>();
        for (VcpuEntry e : def.vcpu().entries()) {
            out.add(e.withOrder(e.enabled() ? ents.find(e.id()).map(VcpuEntity::order).orElse(0) : 0));
        }
        return def.withVcpu(def.vcpu().withEntries(out));
    }
}
