package org.jvirt.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <vcpu placement cpuset current>MAX</vcpu>} together with the per-vCPU state of
 * {@code <vcpus>}: {@code entries} always has exactly {@code max} elements, ids 0..max-1, and
 * the current count is derived from it, so the two can never disagree.
 *
 * @param detailed whether {@code <vcpus>} is written when formatting (docs/pinning.md#the-settings)
 */
public record Vcpu(int max, Placement placement, Optional<CpuSet> cpuset, List<VcpuEntry> entries,
                   boolean detailed, Extras extras) {
    /** The largest maximum vCPU count jvirt accepts. */
    public static final int LIMIT = 16384;

    public Vcpu {
        if (max < 1 || max > LIMIT) {
            throw new IllegalArgumentException("vCPU maximum out of range: " + max);
        }
        entries = List.copyOf(entries);
        if (entries.size() != max) {
            throw new IllegalArgumentException("need " + max + " vCPU entries, got " + entries.size());
        }
        for (int i = 0; i < max; i++) {
            if (entries.get(i).id() != i) {
                throw new IllegalArgumentException("vCPU entry " + i + " has id " + entries.get(i).id());
            }
        }
    }

    /** {@code max} vCPUs, the first {@code current} online, static placement, no cpuset. */
    public static Vcpu of(int max, int current) {
        return new Vcpu(max, Placement.STATIC, Optional.empty(), defaultEntries(max, current), false,
                Extras.NONE);
    }

    public static Vcpu of(int max) {
        return of(max, max);
    }

    public static List<VcpuEntry> defaultEntries(int max, int current) {
        List<VcpuEntry> list = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            list.add(VcpuEntry.defaultFor(i, i < current));
        }
        return list;
    }

    /** Number of online vCPUs. */
    public int current() {
        int n = 0;
        for (VcpuEntry e : entries) {
            if (e.enabled()) {
                n++;
            }
        }
        return n;
    }

    public VcpuEntry entry(int id) {
        return entries.get(id);
    }

    public boolean isOnline(int id) {
        return id >= 0 && id < max && entries.get(id).enabled();
    }

    /** Ids of the online vCPUs. */
    public CpuSet online() {
        java.util.BitSet b = new java.util.BitSet(max);
        for (VcpuEntry e : entries) {
            if (e.enabled()) {
                b.set(e.id());
            }
        }
        return CpuSet.fromBits(b);
    }

    public Vcpu withPlacement(Placement value) {
        return new Vcpu(max, value, cpuset, entries, detailed, extras);
    }

    public Vcpu withCpuset(Optional<CpuSet> value) {
        return new Vcpu(max, placement, value, entries, detailed, extras);
    }

    public Vcpu withEntries(List<VcpuEntry> value) {
        return new Vcpu(max, placement, cpuset, value, detailed, extras);
    }

    public Vcpu withEntry(VcpuEntry value) {
        List<VcpuEntry> list = new ArrayList<>(entries);
        list.set(value.id(), value);
        return withEntries(list);
    }

    public Vcpu withDetailed(boolean value) {
        return new Vcpu(max, placement, cpuset, entries, value, extras);
    }

    /** A new maximum: entries beyond it are dropped, new ones are offline and hotpluggable. */
    public Vcpu withMax(int newMax) {
        List<VcpuEntry> list = new ArrayList<>(newMax);
        for (int i = 0; i < newMax; i++) {
            list.add(i < max ? entries.get(i) : VcpuEntry.defaultFor(i, false));
        }
        return new Vcpu(newMax, placement, cpuset, list, detailed, extras);
    }
}
