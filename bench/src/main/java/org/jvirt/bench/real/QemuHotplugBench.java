package org.jvirt.bench.real;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;

/**
 * vCPU hot-plug 2 -> 4 of the running pinned domain ({@code setVcpus(4, LIVE)}; a fresh domain
 * each iteration, start and destroy excluded) against two bare QMP {@code device_add}s of the same
 * CPU entities on a running bare QEMU (time from sending the first to the second reply). A third
 * series adds to the bare plug the queries jvirt needs per plugged vCPU (its thread id).
 * Iterations alternate between the series. Args: [iterations=15].
 */
public final class QemuHotplugBench {
    private static final int WARMUP = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private QemuHotplugBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Samples jvirt = new Samples("qemu plug 2->4 jvirt");
        Samples bare = new Samples("qemu plug 2->4 bare device_add");
        Samples bareTids = new Samples("bare device_add + tid queries");
        try (QemuBenchHost host = new QemuBenchHost()) {
            for (int i = -WARMUP; i < n; i++) {
                boolean keep = i >= 0;
                jvirtPlug(host, keep ? jvirt : null);
                barePlug(host, keep ? bare : null, false);
                barePlug(host, keep ? bareTids : null, true);
            }
        }
        System.out.println(jvirt.line());
        System.out.println(bare.line());
        System.out.println(bareTids.line());
        System.out.println(Samples.ratio("qemu plug jvirt/bare", jvirt, bare, 1.2));
    }

    private static void jvirtPlug(QemuBenchHost host, Samples total) {
        String name = host.name("h");
        Domain d = host.conn.defineXml(QemuBenchHost.domainXml(name));
        try {
            d.start();
            long t0 = System.nanoTime();
            d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
            long t1 = System.nanoTime();
            if (d.vcpuCount().currentLive().orElse(-1) != 4) {
                throw new IllegalStateException(name + ": " + d.vcpuCount() + " after setVcpus(4)");
            }
            if (total != null) {
                total.add(t1 - t0);
            }
        } finally {
            if (d.isActive()) {
                d.destroy();
            }
            d.undefine();
        }
    }

    private static void barePlug(QemuBenchHost host, Samples total, boolean tids) throws Exception {
        String name = host.name("p");
        Path dir = Files.createDirectories(host.root.resolve("bare"));
        Path qmp = dir.resolve(name + ".qmp");
        Path pidfile = dir.resolve(name + ".pid");
        Process p = host.spawnBare(host.bareArgv(name, qmp, pidfile));
        try (Qmp m = Qmp.connect(qmp, p, 30_000_000_000L)) {
            m.handshake();
            m.execute("{\"execute\":\"cont\"}");
            java.util.TreeMap<Integer, String> bySocket = new java.util.TreeMap<>();
            for (JsonNode cpu : JSON.readTree(m.execute("{\"execute\":\"query-hotpluggable-cpus\"}")).get("return")) {
                if (!cpu.has("qom-path")) {
                    int socket = cpu.get("props").get("socket-id").asInt();
                    ObjectNode a = JSON.createObjectNode();
                    a.put("driver", cpu.get("type").asText());
                    a.put("id", "vcpu" + socket);
                    a.setAll((ObjectNode) cpu.get("props"));
                    bySocket.put(socket, "{\"execute\":\"device_add\",\"arguments\":" + a + "}");
                }
            }
            List<String> adds = new ArrayList<>(bySocket.values());
            if (adds.size() != 2) {
                throw new IllegalStateException("expected 2 offline CPU entities, QEMU lists " + adds.size());
            }
            long t0 = System.nanoTime();
            for (String add : adds) { // socket 2, then 3, as jvirt plugs vCPU 2 then 3
                m.execute(add);
                if (tids) {
                    m.execute("{\"execute\":\"query-hotpluggable-cpus\"}");
                    m.execute("{\"execute\":\"query-cpus-fast\"}");
                }
            }
            long t1 = System.nanoTime();
            if (total != null) {
                total.add(t1 - t0);
            }
        } finally {
            host.kill(p);
            Files.deleteIfExists(qmp);
            Files.deleteIfExists(pidfile);
        }
    }
}
