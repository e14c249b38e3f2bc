package org.jvirt.pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DomainDef;
import org.jvirt.model.EmulatorPin;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.Iothreads;
import org.jvirt.model.Placement;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuEntry;
import org.jvirt.model.VcpuPin;

/** Hosts of docs/pinning.md and small builders of definitions (only through builder and with-methods). */
final class Fixtures {
    private Fixtures() {
    }

    /** H8: 8 CPUs 0-7 online, one cell, one socket. */
    static final HostTopology H8 = host(new int[] {8}, CpuSet.range(0, 7), 8);
    /** Q2: real QEMU host with 2 CPUs 0-1 in one NUMA node. */
    static final HostTopology Q2 = host(new int[] {2}, CpuSet.range(0, 1), 2);
    /** Two cells of 4 CPUs (0-3, 4-7), all online; for numad. */
    static final HostTopology TWO_CELLS = host(new int[] {4, 4}, CpuSet.range(0, 7), 8);

    /** Cells of the given sizes, CPUs numbered consecutively; every cell has 1 GiB. */
    static HostTopology host(int[] cellSizes, CpuSet online, int width) {
        List<HostCell> cells = new ArrayList<>();
        int cpu = 0;
        for (int c = 0; c < cellSizes.length; c++) {
            List<HostCpu> cpus = new ArrayList<>();
            for (int i = 0; i < cellSizes[c]; i++, cpu++) {
                cpus.add(new HostCpu(cpu, c, 0, i, CpuSet.of(cpu), c));
            }
            cells.add(new HostCell(c, 1048576, cpus, Map.of()));
        }
        return new HostTopology("x86_64", "test CPU", 2000, cells, online, width);
    }

    static CpuSet set(String text) {
        return CpuSet.parse(text);
    }

    /** {@code <vcpu placement='static' cpuset='CPUSET' current='CURRENT'>MAX</vcpu>}; cpuset may be null. */
    static DomainDef vm(int max, int current, String cpuset) {
        Vcpu v = Vcpu.of(max, current);
        if (cpuset != null) {
            v = v.withCpuset(Optional.of(set(cpuset)));
        }
        return DomainDef.builder("spec").vcpu(v).build();
    }

    static DomainDef vm(int max) {
        return vm(max, max, null);
    }

    static DomainDef auto(DomainDef def) {
        return def.withVcpu(def.vcpu().withPlacement(Placement.AUTO).withCpuset(Optional.empty()));
    }

    static DomainDef vcpupin(DomainDef def, int vcpu, String cpus) {
        return def.withCputune(def.cputune().withVcpuPin(new VcpuPin(vcpu, set(cpus))));
    }

    static DomainDef emulatorpin(DomainDef def, String cpus) {
        return def.withCputune(def.cputune().withEmulatorPin(Optional.of(new EmulatorPin(set(cpus)))));
    }

    static DomainDef iothreadpin(DomainDef def, int id, String cpus) {
        return def.withCputune(def.cputune().withIothreadPin(new IothreadPin(id, set(cpus))));
    }

    static DomainDef iothreads(DomainDef def, int... ids) {
        List<Integer> list = new ArrayList<>();
        for (int id : ids) {
            list.add(id);
        }
        return def.toBuilder().iothreads(new Iothreads(ids.length, list, false)).build();
    }

    /** Replaces the per-vCPU entries; {@code spec} is one of "+" online, "-" offline, then h (hotpluggable) / n (not), then order. */
    static DomainDef entries(DomainDef def, String... spec) {
        List<VcpuEntry> list = new ArrayList<>();
        for (int i = 0; i < spec.length; i++) {
            String s = spec[i];
            boolean enabled = s.charAt(0) == '+';
            boolean hp = s.charAt(1) == 'h';
            int order = s.length() > 2 ? Integer.parseInt(s.substring(2)) : 0;
            list.add(new VcpuEntry(i, enabled, hp, order));
        }
        return def.withVcpu(def.vcpu().withEntries(list).withDetailed(true));
    }

    static CpuTune tune(DomainDef def) {
        return def.cputune();
    }
}
