package org.jvirt.cli.pinning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.host.HostCpu;

/** How the pin maps lay a cell's CPUs out: by socket, then by core (die and core id), in id order. */
final class HostLayout {
    private HostLayout() {
    }

    /** Socket id, then (die id, core id), then the CPUs of that core. */
    static Map<Integer, Map<List<Integer>, List<HostCpu>>> bySocketAndCore(List<HostCpu> cpus) {
        List<HostCpu> sorted = new ArrayList<>(cpus);
        sorted.sort(Comparator.comparingInt(HostCpu::socketId).thenComparingInt(HostCpu::dieId)
                .thenComparingInt(HostCpu::coreId).thenComparingInt(HostCpu::id));
        Map<Integer, Map<List<Integer>, List<HostCpu>>> out = new LinkedHashMap<>();
        for (HostCpu c : sorted) {
            out.computeIfAbsent(c.socketId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(c.dieId(), c.coreId()), k -> new ArrayList<>()).add(c);
        }
        return out;
    }
}
