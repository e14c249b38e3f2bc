package org.jvirt.cli.pinning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.host.HostCpu;

/** How the pin maps lay a cell's CPUs out: by socket, then by core (die and core id), in id order. */
final class HostLayout {
    private HostLayout() {
    }

    /** By socket, die, core, then CPU id (not Comparator's combinators: JDK 25's start-up cache keeps none). */
    private static int byPlace(HostCpu a, HostCpu b) {
        int c = Integer.compare(a.socketId(), b.socketId());
        if (c == 0) {
            c = Integer.compare(a.dieId(), b.dieId());
        }
        if (c == 0) {
            c = Integer.compare(a.coreId(), b.coreId());
        }
        return c != 0 ? c : Integer.compare(a.id(), b.id());
    }

    /** Socket id, then (die id, core id), then the CPUs of that core. */
    static Map<Integer, Map<List<Integer>, List<HostCpu>>> bySocketAndCore(List<HostCpu> cpus) {
        List<HostCpu> sorted = new ArrayList<>(cpus);
        sorted.sort(HostLayout::byPlace);
        Map<Integer, Map<List<Integer>, List<HostCpu>>> out = new LinkedHashMap<>();
        for (HostCpu c : sorted) {
            out.computeIfAbsent(c.socketId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(c.dieId(), c.coreId()), k -> new ArrayList<>()).add(c);
        }
        return out;
    }
}
