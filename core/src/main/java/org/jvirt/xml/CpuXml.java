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
 * {@code <cpu>}: model, vendor, topology, features and guest NUMA cells. A {@code <numa>} with
 * anything this codec does not know is kept whole, opaque.
 */
final class CpuXml {
    static final List<String> ORDER = List.of("model", "vendor", "topology", "cache", "maxphysaddr", "feature",
            "numa");

    private CpuXml() {
    }

    static CpuDef read(XmlNode n) {
        Optional<String> mode = n.attr("mode");
        Optional<String> match = n.attr("match");
        Optional<String> check = n.attr("check");
        Optional<CpuDef.Model> model = n.leaf("model", "fallback", "vendor_id")
                .map(m -> new CpuDef.Model(m.text(), m.attr("fallback"), m.attr("vendor_id")));
        Optional<String> vendor = n.leafText("vendor");
        Optional<CpuDef.Topology> topology = n.leaf("topology", "sockets", "dies", "cores", "threads")
                .map(CpuXml::topology);
        List<CpuDef.Feature> features = new ArrayList<>();
        for (XmlNode f : n.leaves("feature", "policy", "name")) {
            features.add(new CpuDef.Feature(f.attr("policy").orElse("require"), f.requiredAttr("name")));
        }
        List<CpuDef.NumaCell> cells = new ArrayList<>();
        List<org.jdom2.Element> numa = n.element().getChildren("numa");
        if (numa.size() == 1 && simpleNuma(numa.get(0))) {
            for (XmlNode c : n.child("numa").orElseThrow().children("cell")) {
                cells.add(cell(c));
            }
        }
        return new CpuDef(mode, match, check, model, vendor, topology, features, cells, n.extras());
    }

    private static boolean simpleNuma(Element numa) {
        XmlNode probe = new XmlNode(numa, "numa");
        if (!probe.hasOnly(List.of(), List.of("cell"))) {
            return false;
        }
        for (Element cell : numa.getChildren("cell")) {
            XmlNode c = new XmlNode(cell, "cell");
            if (!c.hasOnly(List.of("id", "cpus", "memory", "unit", "memAccess", "discard"), List.of("distances"))) {
                return false;
            }
            for (Element d : cell.getChildren("distances")) {
                if (!new XmlNode(d, "distances").hasOnly(List.of(), List.of("sibling"))) {
                    return false;
                }
                for (Element s : d.getChildren("sibling")) {
                    if (!XmlNode.isLeaf(s, "id", "value")) {
                        return false;
                    }
                }
            }
        }
        return true;
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
        if (!VcpuXml.isDigits(v.get()) || v.get().length() > 9) {
            throw t.error(ErrorCode.XML_INVALID, "topology: attribute '%s' must be a non-negative integer, not '%s'",
                    name, XmlNode.shorten(v.get()));
        }
        return Integer.parseInt(v.get());
    }

    private static CpuDef.NumaCell cell(XmlNode c) {
        String idText = c.requiredAttr("id", ErrorCode.XML_INVALID, "numa: cell attribute 'id' is required");
        if (!VcpuXml.isDigits(idText) || idText.length() > 9) {
            throw c.error(ErrorCode.XML_INVALID, "numa: cell id '%s' is not a non-negative integer",
                    XmlNode.shorten(idText));
        }
        CpuSet cpus = c.attr("cpus").map(s -> c.at(() -> CpuSet.parse(s, "numa cell cpus"))).orElse(CpuSet.EMPTY);
        String memory = c.requiredAttr("memory", ErrorCode.XML_INVALID, "numa: cell attribute 'memory' is required");
        String unit = c.attr("unit").orElse(null);
        long kib = c.at(() -> MemoryUnit.toKiB(memory, unit, "numa cell memory"));
        List<CpuDef.Distance> distances = new ArrayList<>();
        c.child("distances").ifPresent(d -> {
            for (XmlNode s : d.children("sibling")) {
                int id = s.parseInt(s.requiredAttr("id"), "attribute 'id'");
                int value = s.parseInt(s.requiredAttr("value"), "attribute 'value'");
                distances.add(new CpuDef.Distance(id, value));
            }
        });
        return new CpuDef.NumaCell(Integer.parseInt(idText), cpus, kib, c.attr("memAccess"), c.attr("discard"),
                distances);
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
