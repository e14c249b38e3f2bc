package org.jvirt.cli.adapt;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jvirt.Connection;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;

/**
 * nodeinfo from the host topology: sockets are counted per NUMA cell, cores per socket and
 * threads per core, as virsh's nodeinfo does (so cells x sockets x cores x threads = CPUs on a
 * regular host).
 */
public final class TopologyNodeInfoSource implements NodeInfoSource {
    @Override
    public NodeInfoView nodeInfo(Connection conn) {
        return of(conn.hostTopology());
    }

    public static NodeInfoView of(HostTopology topo) {
        List<HostCpu> cpus = topo.cpus();
        int cells = Math.max(1, topo.cells().size());
        Set<List<Integer>> sockets = new HashSet<>();
        Set<List<Integer>> cores = new HashSet<>();
        int threads = 1;
        for (HostCpu c : cpus) {
            sockets.add(List.of(c.cellId(), c.socketId()));
            cores.add(List.of(c.cellId(), c.socketId(), c.dieId(), c.coreId()));
            threads = Math.max(threads, c.siblings().size());
        }
        int socketsPerCell = Math.max(1, sockets.size() / cells);
        int coresPerSocket = Math.max(1, cores.size() / Math.max(1, sockets.size()));
        return new NodeInfoView(topo.cpuModel(), topo.cpuCount(), topo.mhz(), cells, socketsPerCell,
                coresPerSocket, threads, topo.memoryKiB());
    }
}
