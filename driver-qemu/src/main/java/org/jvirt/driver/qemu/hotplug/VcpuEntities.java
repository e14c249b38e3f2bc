package org.jvirt.driver.qemu.hotplug;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * The vCPU entities of a running QEMU (docs/qemu.md#live-operations): {@code query-hotpluggable-cpus} sorted by
 * socket, die, core, thread, entity k starting at vCPU id = sum of the previous counts; thread
 * ids matched from {@code query-cpus-fast} by qom-path. When a tid equals the QEMU pid or two
 * are equal (TCG without MTTCG) all tids are discarded.
 */
public record VcpuEntities(List<VcpuEntity> entities, boolean perVcpuThreads) {
    public VcpuEntities {
        entities = List.copyOf(entities);
    }

    public static VcpuEntities query(QmpClient qmp, long pid) {
        return submitQuery(qmp).get(pid);
    }

    /**
     * Sends the two queries without waiting. Sent right after a command that changes the
     * entities, they answer for the state that command left: QEMU runs a monitor's commands in
     * order.
     */
    public static Query submitQuery(QmpClient qmp) {
        return new Query(qmp.submit("query-hotpluggable-cpus", null), qmp.submit("query-cpus-fast", null));
    }

    /** The two queries in flight. */
    public record Query(QmpClient.Pending entities, QmpClient.Pending threads) {
        public VcpuEntities get(long pid) {
            return parse(entities.get(), threads.get(), pid);
        }

        /** Waits for both replies and drops them (after the command they followed failed). */
        public void drop() {
            for (QmpClient.Pending p : List.of(entities, threads)) {
                try {
                    p.get();
                } catch (RuntimeException ignored) {
                    // nobody needs this answer
                }
            }
        }
    }

    public static VcpuEntities parse(JsonNode hotpluggable, JsonNode cpusFast, long pid) {
        Map<String, Long> tids = new HashMap<>();
        Map<String, Integer> ranks = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        boolean distinct = true;
        int rank = 0;
        for (JsonNode c : cpusFast) {
            String path = c.path("qom-path").asText("");
            long tid = c.path("thread-id").asLong(-1);
            ranks.put(path, ++rank);
            if (tid <= 0 || tid == pid || !seen.add(tid)) {
                distinct = false;
            }
            tids.put(path, tid);
        }
        List<JsonNode> list = new ArrayList<>();
        hotpluggable.forEach(list::add);
        list.sort(VcpuEntities::byTopology);
        List<VcpuEntity> out = new ArrayList<>();
        int vcpu = 0;
        for (JsonNode n : list) {
            Optional<String> qom = Optional.ofNullable(n.get("qom-path")).map(JsonNode::asText);
            OptionalLong tid = OptionalLong.empty();
            if (distinct && qom.isPresent() && tids.containsKey(qom.get())) {
                tid = OptionalLong.of(tids.get(qom.get()));
            }
            int order = qom.map(p -> ranks.getOrDefault(p, 0)).orElse(0);
            out.add(new VcpuEntity(vcpu, n.path("type").asText(), (ObjectNode) n.path("props").deepCopy(), qom, tid,
                    order));
            vcpu += Math.max(1, n.path("vcpus-count").asInt(1));
        }
        return new VcpuEntities(out, distinct);
    }

    /**
     * Entities known only from a status file (the monitor is held by another process): thread
     * ids, no QOM data, so no hotplug.
     */
    public static VcpuEntities fromThreads(Map<Integer, Long> tids) {
        List<VcpuEntity> out = new ArrayList<>();
        int rank = 0;
        for (Map.Entry<Integer, Long> e : new java.util.TreeMap<>(tids).entrySet()) {
            out.add(new VcpuEntity(e.getKey(), "", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode(), Optional.of("/machine/unattached/vcpu" + e.getKey()), OptionalLong.of(e.getValue()),
                    ++rank));
        }
        return new VcpuEntities(out, true);
    }

    public VcpuEntity entity(int vcpu) {
        Optional<VcpuEntity> e = find(vcpu);
        if (e.isEmpty()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU, "QEMU has no hotpluggable entity for vCPU %d",
                    vcpu);
        }
        return e.get();
    }

    /** The entity of {@code vcpu} (a loop, not a stream: a one-shot hot-plug asks for each vCPU it plugs). */
    public Optional<VcpuEntity> find(int vcpu) {
        for (VcpuEntity e : entities) {
            if (e.vcpu() == vcpu) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** vCPU id -> thread id of every online vCPU that has one. */
    public Map<Integer, Long> threadIds() {
        Map<Integer, Long> m = new HashMap<>();
        for (VcpuEntity e : entities) {
            e.tid().ifPresent(t -> m.put(e.vcpu(), t));
        }
        return m;
    }

    /**
     * By socket, die, core and thread id. Not Comparator's combinators: JDK 25's start-up cache
     * keeps no lambda made inside an interface, so they would be generated in every one-shot plug.
     */
    private static int byTopology(JsonNode a, JsonNode b) {
        for (String id : new String[] {"socket-id", "die-id", "core-id", "thread-id"}) {
            int c = Integer.compare(a.path("props").path(id).asInt(0), b.path("props").path(id).asInt(0));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
