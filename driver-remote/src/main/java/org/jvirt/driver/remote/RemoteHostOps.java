package org.jvirt.driver.remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jdom2.Element;

import org.jvirt.Version;
import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NodeInfo;
import org.jvirt.model.CpuSet;
import org.jvirt.protocol.remote.RemoteMessages;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.spi.HostOps;
import org.jvirt.xml.SafeXml;
import org.jvirt.xml.XmlLimits;

/** The server's host: its name, hypervisor, node info, and the topology read from its capabilities. */
final class RemoteHostOps implements HostOps {
    private final RpcClient rpc;

    RemoteHostOps(RpcClient rpc) {
        this.rpc = rpc;
    }

    @Override
    public String hostname() {
        return rpc.call(RemoteProgram.CONNECT_GET_HOSTNAME, null);
    }

    @Override
    public String hypervisorType() {
        return rpc.call(RemoteProgram.CONNECT_GET_TYPE, null);
    }

    @Override
    public Version hypervisorVersion() {
        return version(rpc.call(RemoteProgram.CONNECT_GET_VERSION, null));
    }

    /** libvirt's packed version: major * 1,000,000 + minor * 1,000 + micro. */
    static Version version(long packed) {
        return new Version((int) (packed / 1_000_000), (int) (packed / 1000 % 1000), (int) (packed % 1000));
    }

    @Override
    public NodeInfo nodeInfo() {
        RemoteMessages.NodeInfo n = rpc.call(RemoteProgram.NODE_GET_INFO, null);
        return new NodeInfo(n.model(), n.memory(), n.cpus(), n.mhz(), n.nodes(), n.sockets(), n.cores(), n.threads());
    }

    @Override
    public String capabilitiesXml() {
        return rpc.call(RemoteProgram.CONNECT_GET_CAPABILITIES, null);
    }

    /** The CPU map width and online CPUs of the server's host (what pin maps span). */
    RemoteMessages.NodeCpuMap cpuMap() {
        return rpc.call(RemoteProgram.NODE_GET_CPU_MAP, new RemoteMessages.NodeCpuMapArgs(1, 1, 0));
    }

    @Override
    public HostTopology topology() {
        CompletableFuture<String> caps = rpc.callAsync(RemoteProgram.CONNECT_GET_CAPABILITIES, null);
        CompletableFuture<RemoteMessages.NodeInfo> node = rpc.callAsync(RemoteProgram.NODE_GET_INFO, null);
        CompletableFuture<RemoteMessages.NodeCpuMap> map = rpc.callAsync(RemoteProgram.NODE_GET_CPU_MAP,
                new RemoteMessages.NodeCpuMapArgs(1, 1, 0));
        RemoteMessages.NodeInfo n = rpc.await(node, RemoteProgram.NODE_GET_INFO);
        RemoteMessages.NodeCpuMap m = rpc.await(map, RemoteProgram.NODE_GET_CPU_MAP);
        Element host = SafeXml.parse(rpc.await(caps, RemoteProgram.CONNECT_GET_CAPABILITIES), "capabilities",
                XmlLimits.DEFAULT).getRootElement().getChild("host");
        String arch = host == null || host.getChild("cpu") == null ? n.model()
                : host.getChild("cpu").getChildTextTrim("arch");
        List<HostCell> cells = cells(host, n);
        CpuSet online = CpuMaps.read(m.cpumap(), 0, m.cpumap().length).below(m.count());
        return new HostTopology(arch == null ? n.model() : arch, n.model(), n.mhz(), cells, online, m.count());
    }

    private static List<HostCell> cells(Element host, RemoteMessages.NodeInfo n) {
        Element topo = host == null ? null : host.getChild("topology");
        Element cellsEl = topo == null ? null : topo.getChild("cells");
        List<HostCell> cells = new ArrayList<>();
        if (cellsEl == null) {
            List<HostCpu> cpus = new ArrayList<>();
            for (int i = 0; i < n.cpus(); i++) {
                cpus.add(new HostCpu(i, 0, 0, i, CpuSet.of(i), 0));
            }
            cells.add(new HostCell(0, n.memory(), cpus, Map.of()));
            return cells;
        }
        for (Element cell : cellsEl.getChildren("cell")) {
            int id = Integer.parseInt(cell.getAttributeValue("id", "0"));
            String mem = cell.getChildTextTrim("memory");
            Map<Integer, Integer> distances = new HashMap<>();
            Element d = cell.getChild("distances");
            if (d != null) {
                for (Element s : d.getChildren("sibling")) {
                    distances.put(Integer.parseInt(s.getAttributeValue("id")), Integer.parseInt(s.getAttributeValue("value")));
                }
            }
            List<HostCpu> cpus = new ArrayList<>();
            Element cpusEl = cell.getChild("cpus");
            if (cpusEl != null) {
                for (Element c : cpusEl.getChildren("cpu")) {
                    int cpu = Integer.parseInt(c.getAttributeValue("id"));
                    String siblings = c.getAttributeValue("siblings");
                    cpus.add(new HostCpu(cpu, number(c, "socket_id"), number(c, "die_id"), number(c, "core_id"),
                            siblings == null ? CpuSet.of(cpu) : CpuSet.parse(siblings), id));
                }
            }
            cells.add(new HostCell(id, mem == null ? 0 : Long.parseLong(mem), cpus, distances));
        }
        return cells;
    }

    private static int number(Element e, String attr) {
        String v = e.getAttributeValue(attr);
        return v == null ? 0 : Integer.parseInt(v);
    }

    // ---------------------------------------------------------------- host views (tuning)

    @Override
    public long freeMemoryBytes() {
        return rpc.call(RemoteProgram.NODE_GET_FREE_MEMORY, null);
    }

    @Override
    public java.util.List<Long> cellsFreeMemoryBytes() {
        return rpc.call(RemoteProgram.NODE_GET_CELLS_FREE_MEMORY, new org.jvirt.protocol.remote.TuningMessages
                .CellsFreeMemoryArgs(0, Math.max(1, topology().cells().size()))).cells();
    }

    @Override
    public org.jvirt.host.NodeCpuStats cpuStats(java.util.OptionalInt cpu) {
        int num = cpu.orElse(-1);
        int n = rpc.call(RemoteProgram.NODE_GET_CPU_STATS, new org.jvirt.protocol.remote.TuningMessages
                .NodeCpuStatsArgs(num, 0, 0)).nparams();
        java.util.Map<String, Long> v = nodeStats(rpc.call(RemoteProgram.NODE_GET_CPU_STATS,
                new org.jvirt.protocol.remote.TuningMessages.NodeCpuStatsArgs(num, n, 0)));
        return new org.jvirt.host.NodeCpuStats(v.getOrDefault("user", 0L), v.getOrDefault("kernel", 0L),
                v.getOrDefault("idle", 0L), v.getOrDefault("iowait", 0L));
    }

    @Override
    public org.jvirt.host.NodeMemoryStats memoryStats(java.util.OptionalInt cell) {
        int num = cell.orElse(-1);
        int n = rpc.call(RemoteProgram.NODE_GET_MEMORY_STATS, new org.jvirt.protocol.remote.TuningMessages
                .NodeMemoryStatsArgs(0, num, 0)).nparams();
        java.util.Map<String, Long> v = nodeStats(rpc.call(RemoteProgram.NODE_GET_MEMORY_STATS,
                new org.jvirt.protocol.remote.TuningMessages.NodeMemoryStatsArgs(n, num, 0)));
        return new org.jvirt.host.NodeMemoryStats(v.getOrDefault("total", 0L), v.getOrDefault("free", 0L),
                v.containsKey("buffers") ? java.util.OptionalLong.of(v.get("buffers")) : java.util.OptionalLong.empty(),
                v.containsKey("cached") ? java.util.OptionalLong.of(v.get("cached")) : java.util.OptionalLong.empty());
    }

    private static java.util.Map<String, Long> nodeStats(org.jvirt.protocol.remote.TuningMessages.NodeStatsResult r) {
        java.util.Map<String, Long> v = new java.util.HashMap<>();
        r.params().forEach(p -> v.put(p.field(), p.value()));
        return v;
    }

    @Override
    public String domainCapabilities(java.util.Optional<String> emulator, java.util.Optional<String> arch,
                                     java.util.Optional<String> machine, java.util.Optional<String> virtType) {
        return rpc.call(RemoteProgram.CONNECT_GET_DOMAIN_CAPABILITIES, new org.jvirt.protocol.remote.TuningMessages
                .DomainCapabilitiesArgs(emulator, arch, machine, virtType, 0));
    }
}
