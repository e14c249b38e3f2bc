package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuSet;
import org.jvirt.model.MemoryUnit;

/**
 * {@code <cpu>}: model, vendor, topology, features and guest NUMA cells, with libvirt's rules for
 * cells: an id may be left out (cells are then numbered in order), ids are 0 to n-1 in any order
 * and are written in order; distances are completed as libvirt does (10 to the cell itself, and a
 * distance given one way also counts the other way unless that one is given too).
 */
final class CpuXml {
    static final List<String> ORDER = List.of("model", "vendor", "topology", "cache", "maxphysaddr", "feature",
            "numa");
    /** The distance of a cell to itself, and the bounds of other distances (as in ACPI SLIT). */
    private static final int LOCAL_DISTANCE = 10;
    private static final int MAX_DISTANCE = 255;

    private CpuXml() {
    }

    static CpuDef read(XmlNode n) {
        Optional<String> mode = n.attr("mode");
        Optional<String> match = n.attr("match");
        Optional<String> check = n.attr("check");
        Optional<CpuDef.Model> model = n.child("model")
                .map(m -> new CpuDef.Model(m.text(), m.attr("fallback"), m.attr("vendor_id")));
        Optional<String> vendor = n.childText("vendor");
        Optional<CpuDef.Topology> topology = n.child("topology").map(CpuXml::topology);
        List<CpuDef.Feature> features = new ArrayList<>();
        for (XmlNode f : n.children("feature")) {
            features.add(new CpuDef.Feature(f.attr("policy").orElse("require"), f.requiredAttr("name")));
        }
        List<CpuDef.NumaCell> cells = n.child("numa").map(CpuXml::cells).orElse(List.of());
        return new CpuDef(mode, match, check, model, vendor, topology, features, cells, n.extras());
    }

    private static CpuDef.Topology topology(XmlNode t) {
        return new CpuDef.Topology(count(t, "sockets", null), count(t, "dies", 1), count(t, "cores", null),
                count(t, "threads", null));
    }

    private static int count(XmlNode t, String name, Integer dflt) {
        Optional<String> v = t.attr(name);
        if (v.isEmpty()) {
            if (dflt == null) {
                throw t.error(ErrorCode.XML_INVALID, "topology: attribute '%s' is required", name);
            }
            return dflt;
        }
        int value = t.unsignedInt(v.get(), "attribute '" + name + "'", Integer.MAX_VALUE);
        if (value == 0) {
            throw t.error(ErrorCode.XML_INVALID, "topology: attribute '%s' must be at least 1", name);
        }
        return value;
    }

    private static List<CpuDef.NumaCell> cells(XmlNode numa) {
        List<XmlNode> nodes = numa.children("cell");
        int n = nodes.size();
        XmlNode[] byId = new XmlNode[n];
        for (int i = 0; i < n; i++) {
            XmlNode c = nodes.get(i);
            int id = c.attr("id").map(text -> c.unsignedInt(text, "cell attribute 'id'", Integer.MAX_VALUE))
                    .orElse(i);
            if (id >= n) {
                throw c.error(ErrorCode.XML_INVALID, "numa: cell id %d is not below the number of cells %d "
                        + "(cells are numbered 0 to %d, each once)", id, n, n - 1);
            }
            if (byId[id] != null) {
                throw c.error(ErrorCode.XML_INVALID, "numa: cell id %d is given twice", id);
            }
            byId[id] = c;
            c.writtenAt(id);
        }
        int[][] distances = new int[n][n];
        for (int id = 0; id < n; id++) {
            readDistances(byId[id], id, n, distances);
        }
        List<CpuDef.NumaCell> cells = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            cells.add(cell(byId[id], id, distances));
        }
        return cells;
    }

    private static void readDistances(XmlNode c, int id, int n, int[][] distances) {
        Optional<XmlNode> d = c.child("distances");
        if (d.isEmpty()) {
            return;
        }
        List<XmlNode> siblings = d.get().children("sibling");
        if (siblings.isEmpty()) {
            throw d.get().error(ErrorCode.XML_INVALID, "numa: <distances> of cell %d has no <sibling>", id);
        }
        for (XmlNode s : siblings) {
            int sibling = s.unsignedInt(s.requiredAttr("id"), "attribute 'id'", Integer.MAX_VALUE);
            int value = s.unsignedInt(s.requiredAttr("value"), "attribute 'value'", Integer.MAX_VALUE);
            if (sibling >= n) {
                throw s.error(ErrorCode.XML_INVALID, "numa: sibling id %d of cell %d is not a cell", sibling, id);
            }
            boolean local = sibling == id;
            if (local ? value != LOCAL_DISTANCE : value <= LOCAL_DISTANCE || value > MAX_DISTANCE) {
                throw s.error(ErrorCode.XML_INVALID, local
                        ? "numa: the distance of cell %d to itself must be 10, not %d"
                        : "numa: the distance of cell %d to cell %d must be within [11, 255], not %d",
                        local ? new Object[] {id, value} : new Object[] {id, sibling, value});
            }
            distances[id][sibling] = value;
            if (distances[sibling][id] == 0) {
                distances[sibling][id] = value;
            }
        }
        // the siblings of this cell are rewritten from the matrix
        d.get().children("sibling").forEach(XmlNode::drop);
    }

    private static CpuDef.NumaCell cell(XmlNode c, int id, int[][] matrix) {
        CpuSet cpus = c.attr("cpus").map(s -> c.at(() -> CpuSet.parse(s, "numa cell cpus"))).orElse(CpuSet.EMPTY);
        String memory = c.requiredAttr("memory", ErrorCode.XML_INVALID, "numa: cell attribute 'memory' is required");
        String unit = c.attr("unit").orElse(null);
        long kib = c.at(() -> MemoryUnit.toKiB(memory, unit, "numa cell memory"));
        Optional<String> memAccess = word(c, "memAccess", "shared", "private");
        Optional<String> discard = word(c, "discard", "yes", "no");
        List<CpuDef.Distance> distances = new ArrayList<>();
        boolean any = false;
        for (int value : matrix[id]) {
            any |= value != 0;
        }
        for (int sibling = 0; any && sibling < matrix.length; sibling++) {
            int value = sibling == id && matrix[id][id] == 0 ? LOCAL_DISTANCE : matrix[id][sibling];
            if (value != 0) {
                distances.add(new CpuDef.Distance(sibling, value));
            }
        }
        return new CpuDef.NumaCell(id, cpus, kib, memAccess, discard, distances);
    }

    private static Optional<String> word(XmlNode c, String attribute, String... allowed) {
        Optional<String> v = c.attr(attribute);
        if (v.isPresent() && !List.of(allowed).contains(v.get())) {
            throw c.error(ErrorCode.XML_INVALID, "numa: cell attribute '%s' must be one of %s, not '%s'", attribute,
                    String.join(", ", allowed), XmlNode.shorten(v.get()));
        }
        return v;
    }

    static Element write(CpuDef cpu) {
        Out out = new Out("cpu", ORDER).attr("mode", cpu.mode()).attr("match", cpu.match()).attr("check", cpu.check());
        cpu.model().ifPresent(m -> out.child(new Out("model").attr("fallback", m.fallback())
                .attr("vendor_id", m.vendorId()).text(m.name()).build()));
        out.textChild("vendor", cpu.vendor());
        cpu.topology().ifPresent(t -> out.child(new Out("topology").attr("sockets", Integer.toString(t.sockets()))
                .attr("dies", Integer.toString(t.dies())).attr("cores", Integer.toString(t.cores()))
                .attr("threads", Integer.toString(t.threads())).build()));
        for (CpuDef.Feature f : cpu.features()) {
            out.child(new Out("feature").attr("policy", f.policy()).attr("name", f.name()).build());
        }
        if (!cpu.numaCells().isEmpty()) {
            Out numa = new Out("numa");
            for (CpuDef.NumaCell c : cpu.numaCells()) {
                Out cell = new Out("cell").attr("id", Integer.toString(c.id()));
                if (!c.cpus().isEmpty()) {
                    cell.attr("cpus", c.cpus().format());
                }
                cell.attr("memory", Long.toString(c.memoryKiB())).attr("unit", "KiB")
                        .attr("memAccess", c.memAccess()).attr("discard", c.discard());
                if (!c.distances().isEmpty()) {
                    Out d = new Out("distances");
                    for (CpuDef.Distance s : c.distances()) {
                        d.child(new Out("sibling").attr("id", Integer.toString(s.id()))
                                .attr("value", Integer.toString(s.value())).build());
                    }
                    cell.child(d.build());
                }
                numa.child(cell.build());
            }
            out.child(numa.build());
        }
        return out.build(cpu.extras());
    }
}
