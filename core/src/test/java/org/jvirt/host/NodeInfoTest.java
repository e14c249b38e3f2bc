package org.jvirt.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jvirt.model.CpuSet;

class NodeInfoTest {

    /**
     * cells x socketsPerCell x coresPerSocket x threadsPerCore, CPUs numbered consecutively,
     * threads of a core adjacent, socket ids unique across the host.
     */
    static HostTopology grid(int cells, int sockets, int cores, int threads, CpuSet online, long memPerCell) {
        List<HostCell> out = new ArrayList<>();
        int id = 0;
        for (int c = 0; c < cells; c++) {
            List<HostCpu> cpus = new ArrayList<>();
            for (int s = 0; s < sockets; s++) {
                for (int k = 0; k < cores; k++) {
                    CpuSet siblings = CpuSet.range(id, id + threads - 1);
                    for (int t = 0; t < threads; t++) {
                        cpus.add(new HostCpu(id++, c * sockets + s, 0, k, siblings, c));
                    }
                }
            }
            out.add(new HostCell(c, memPerCell, cpus, Map.of()));
        }
        CpuSet all = CpuSet.firstN(id);
        return new HostTopology("i686", "i686", 1400, out, online == null ? all : online, id);
    }

    @Test
    void socketsAreCountedPerCell() {
        NodeInfo n = NodeInfo.of(grid(2, 2, 2, 2, null, 1_572_864));
        assertThat(n).isEqualTo(new NodeInfo("i686", 3_145_728, 16, 1400, 2, 2, 2, 2));
    }

    @Test
    void formatMatchesVirshNodeinfoOfTheTestDriver() throws IOException {
        // virsh -c test:///default nodeinfo (libvirt 9.0), captured on this machine
        String expected;
        try (InputStream in = NodeInfoTest.class.getResourceAsStream("/host/nodeinfo-2x2x2x2.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        NodeInfo n = NodeInfo.of(grid(2, 2, 2, 2, null, 1_572_864));
        assertThat(String.join("\n", n.lines()) + "\n\n").isEqualTo(expected);
    }

    @Test
    void singleCellHost() {
        assertThat(NodeInfo.of(grid(1, 1, 2, 1, null, 4_679_884)))
                .isEqualTo(new NodeInfo("i686", 4_679_884, 2, 1400, 1, 1, 2, 1));
    }

    @Test
    void offlineCpusCountInTheCheckButNotInCpus() {
        // 1 x 1 x 4 x 2 with CPU 7 offline: 7 online, 1 offline, 1*1*4*2 = 8 -> no fallback
        HostTopology t = grid(1, 1, 4, 2, CpuSet.parse("0-6"), 100);
        assertThat(NodeInfo.of(t)).isEqualTo(new NodeInfo("i686", 100, 7, 1400, 1, 1, 4, 2));
    }

    @Test
    void offliningAWholeCoreTriggersTheFlatFallback() {
        // CPUs 6,7 (core 3) offline: cores per socket = 3, 1*1*3*2 = 6 != 8 -> 1/1/8/1
        HostTopology t = grid(1, 1, 4, 2, CpuSet.parse("0-5"), 100);
        assertThat(NodeInfo.of(t)).isEqualTo(new NodeInfo("i686", 100, 6, 1400, 1, 1, 8, 1));
    }

    @Test
    void unevenCellsTakeTheLargestAndMayFallBack() {
        // cell 0: 2 sockets x 2 cores; cell 1: 1 socket x 2 cores -> 2*2*2*1 = 8 != 6
        HostTopology a = grid(1, 2, 2, 1, null, 10);
        List<HostCpu> cell1 = List.of(new HostCpu(4, 2, 0, 0, CpuSet.of(4), 1), new HostCpu(5, 2, 0, 1, CpuSet.of(5), 1));
        HostTopology t = new HostTopology("x86_64", "x86_64", 0,
                List.of(a.cells().get(0), new HostCell(1, 10, cell1, Map.of())), CpuSet.firstN(6), 6);
        assertThat(NodeInfo.of(t)).isEqualTo(new NodeInfo("x86_64", 20, 6, 0, 1, 1, 6, 1));
    }

    @Test
    void nonContiguousCoreIdsAreCountedNotSpanned() {
        List<HostCpu> cpus = List.of(new HostCpu(0, 0, 0, 0, CpuSet.of(0), 0), new HostCpu(1, 0, 0, 8, CpuSet.of(1), 0));
        HostTopology t = new HostTopology("x86_64", "x86_64", 0, List.of(new HostCell(0, 1, cpus, Map.of())),
                CpuSet.of(0, 1), 2);
        assertThat(NodeInfo.of(t).cores()).isEqualTo(2);
    }
}
