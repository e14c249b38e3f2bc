package org.jvirt.bench.real;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * vCPU hot-plug 2 -> 4 of the running pinned domain ({@code setVcpus(4, LIVE)}; a fresh domain
 * each iteration, start and destroy excluded) against two bare QMP {@code device_add}s of the same
 * CPU entities on a running bare QEMU (time from sending the first to the second reply). A third
 * series adds to the bare plug the queries jvirt needs per plugged vCPU (its thread id); a fourth
 * also does, plainly, the kernel work the issue asks for each new thread ({@link BarePlacement}:
 * its cgroups and affinity, with the migration lock warm as in jvirt's series): the least any
 * manager that places vCPU threads can take. Iterations alternate between the series.
 * Args: [iterations=15].
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
        Samples barePlaced = new Samples("bare + tid queries + placement");
        try (QemuBenchHost host = new QemuBenchHost()) {
            for (int i = -WARMUP; i < n; i++) {
                boolean keep = i >= 0;
                host.jvirtPlug(keep ? jvirt : null);
                barePlug(host, keep ? bare : null, false, false);
                barePlug(host, keep ? bareTids : null, true, false);
                if (BarePlacement.available()) {
                    barePlug(host, keep ? barePlaced : null, true, true);
                }
            }
        }
        System.out.println(jvirt.line());
        System.out.println(bare.line());
        System.out.println(bareTids.line());
        System.out.println(barePlaced.line());
        System.out.println(Samples.ratio("qemu plug jvirt/bare", jvirt, bare, 1.2));
        if (barePlaced.size() > 0) {
            System.out.println(Samples.ratio("qemu plug (bare + placement)/bare", barePlaced, bare, Double.NaN));
        }
    }

    private static void barePlug(QemuBenchHost host, Samples total, boolean tids, boolean place) throws Exception {
        String name = host.name("p");
        Path dir = Files.createDirectories(host.root.resolve("bare"));
        Path qmp = dir.resolve(name + ".qmp");
        Path pidfile = dir.resolve(name + ".pid");
        Process p = host.spawnBare(host.bareArgv(name, qmp, pidfile));
        BarePlacement placement = place ? new BarePlacement(name) : null;
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
            if (place) {
                BarePlacement.warmMigrationLock();
            }
            long t0 = System.nanoTime();
            int vcpu = 2;
            for (String add : adds) { // socket 2, then 3, as jvirt plugs vCPU 2 then 3
                m.execute(add);
                if (tids) {
                    m.execute("{\"execute\":\"query-hotpluggable-cpus\"}");
                    String cpus = m.execute("{\"execute\":\"query-cpus-fast\"}");
                    if (place) {
                        placement.place(vcpu, threadOf(cpus, "vcpu" + vcpu), org.jvirt.model.CpuSet.range(0, 1));
                    }
                }
                vcpu++;
            }
            long t1 = System.nanoTime();
            if (total != null) {
                total.add(t1 - t0);
            }
        } finally {
            host.kill(p);
            if (placement != null) {
                placement.close();
            }
            Files.deleteIfExists(qmp);
            Files.deleteIfExists(pidfile);
        }
    }

    /** The thread id QEMU gives for the CPU device {@code id} in a query-cpus-fast reply. */
    private static long threadOf(String reply, String id) throws Exception {
        for (JsonNode cpu : JSON.readTree(reply).get("return")) {
            if (cpu.path("qom-path").asText().equals("/machine/peripheral/" + id)) {
                return cpu.get("thread-id").asLong();
            }
        }
        throw new IllegalStateException("QEMU lists no thread for " + id + ": " + reply);
    }
}
