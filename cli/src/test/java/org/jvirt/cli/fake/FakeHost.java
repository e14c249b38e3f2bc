package org.jvirt.cli.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;

/**
 * The host of libvirt's test:///default as virsh shows it: 16 CPUs in 2 NUMA cells, 2 sockets
 * per cell, 2 cores per socket, 2 threads per core, 3 GiB, model i686 at 1400 MHz; pin maps
 * span 8 CPUs (the test driver's quirk, which is why virsh prints 0-7).
 */
public final class FakeHost {
    private FakeHost() {
    }

    public static HostTopology topology() {
        List<HostCell> cells = new ArrayList<>();
        for (int cell = 0; cell < 2; cell++) {
            List<HostCpu> cpus = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int id = cell * 8 + i;
                int socket = cell * 2 + i / 4;
                int core = (i % 4) / 2;
                int firstSibling = id - id % 2;
                cpus.add(new HostCpu(id, socket, 0, core, CpuSet.range(firstSibling, firstSibling + 1), cell));
            }
            cells.add(new HostCell(cell, cell == 0 ? 2097152 : 1048576, cpus, Map.of(0, cell == 0 ? 10 : 20,
                    1, cell == 0 ? 20 : 10)));
        }
        return new HostTopology("i686", "i686", 1400, cells, CpuSet.range(0, 15), 8);
    }
}
