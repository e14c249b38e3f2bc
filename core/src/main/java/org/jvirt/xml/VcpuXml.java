package org.jvirt.xml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.CpuSet;
import org.jvirt.model.Extras;
import org.jvirt.model.IntegerText;
import org.jvirt.model.Placement;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuEntry;

/** {@code <vcpu>} and {@code <vcpus>} (docs/domain-xml.md, "vCPU count and placement"). */
final class VcpuXml {
    private VcpuXml() {
    }

    static Vcpu read(Optional<XmlNode> vcpuNode, Optional<XmlNode> vcpusNode) {
        int max = 1;
        Placement placement = Placement.STATIC;
        Optional<CpuSet> cpuset = Optional.empty();
        int current = 1;
        Extras extras = Extras.NONE;
        if (vcpuNode.isPresent()) {
            XmlNode n = vcpuNode.get();
            max = maximum(n);
            current = max;
            Optional<String> p = n.attr("placement");
            if (p.isPresent()) {
                placement = Placement.fromXml(p.get());
                if (placement == null) {
                    throw n.error(ErrorCode.XML_INVALID, "vcpu: placement must be 'static' or 'auto'");
                }
            }
            Optional<String> set = n.attr("cpuset");
            if (set.isPresent() && placement == Placement.STATIC) {
                cpuset = Optional.of(n.at(() -> CpuSet.parse(set.get(), "vcpu cpuset")));
            }
            Optional<String> cur = n.attr("current");
            if (cur.isPresent()) {
                current = currentCount(n, cur.get(), max);
            }
            extras = n.extras();
        }
        List<VcpuEntry> entries = vcpusNode.isPresent() ? entries(vcpusNode.get(), max)
                : Vcpu.defaultEntries(max, current);
        return new Vcpu(max, placement, cpuset, entries, vcpusNode.isPresent(), extras);
    }

    private static int maximum(XmlNode n) {
        String text = n.text();
        BigInteger value = IntegerText.parseUnsigned(text);
        if (value == null) {
            throw n.error(ErrorCode.XML_INVALID, "vcpu: maximum count '%s' is not a non-negative integer",
                    XmlNode.shorten(text));
        }
        if (value.compareTo(BigInteger.valueOf(Vcpu.LIMIT)) > 0) {
            throw n.error(ErrorCode.VCPU_COUNT, "vcpu: maximum count %s exceeds the limit of %d vCPUs",
                    XmlNode.shorten(value.toString()), Vcpu.LIMIT);
        }
        if (value.signum() == 0) {
            throw n.error(ErrorCode.VCPU_COUNT, "vcpu: maximum count must be at least 1");
        }
        return value.intValue();
    }

    private static int currentCount(XmlNode n, String text, int max) {
        BigInteger value = IntegerText.parseUnsigned(text);
        if (value == null) {
            throw n.error(ErrorCode.XML_INVALID, "vcpu: current count '%s' is not a non-negative integer",
                    XmlNode.shorten(text));
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw n.error(ErrorCode.VCPU_COUNT, "vcpu: current count %s exceeds maximum %d",
                    XmlNode.shorten(value.toString()), max);
        }
        return value.intValue();
    }

    private static List<VcpuEntry> entries(XmlNode vcpus, int max) {
        VcpuEntry[] byId = new VcpuEntry[max];
        for (XmlNode v : vcpus.children("vcpu")) {
            String idText = v.requiredAttr("id", ErrorCode.XML_INVALID, "vcpus: attribute 'id' is required");
            String enabledText = v.requiredAttr("enabled", ErrorCode.XML_INVALID,
                    "vcpus: attribute 'enabled' is required");
            BigInteger idValue = IntegerText.parseUnsigned(idText);
            if (idValue == null) {
                throw v.error(ErrorCode.XML_INVALID, "vcpus: attribute 'id' must be a non-negative integer, not '%s'",
                        XmlNode.shorten(idText));
            }
            if (idValue.compareTo(BigInteger.valueOf(max)) >= 0) {
                throw v.error(ErrorCode.VCPU_ID, "vcpus: vCPU id %s is not below the maximum %d",
                        XmlNode.shorten(idValue.toString()), max);
            }
            int id = idValue.intValue();
            if (byId[id] != null) {
                throw v.error(ErrorCode.VCPU_ID, "vcpus: vCPU id %d is listed twice", id);
            }
            boolean enabled = yesNo(v, "enabled", enabledText);
            // no lambda: a one-shot command's call sites are linked from its start-up cache, and
            // this line runs only for a domain whose live definition lists its vCPUs
            Optional<String> h = v.attr("hotpluggable");
            boolean hotpluggable = h.isPresent() ? yesNo(v, "hotpluggable", h.get()) : !enabled;
            int order = 0;
            Optional<String> o = v.attr("order");
            if (o.isPresent()) {
                BigInteger value = IntegerText.parseUnsigned(o.get());
                if (value == null || value.bitLength() > 31) {
                    throw v.error(ErrorCode.XML_INVALID, "vcpus: attribute 'order' must be a non-negative integer");
                }
                order = value.intValue();
            }
            v.writtenAt(id);
            byId[id] = new VcpuEntry(id, enabled, hotpluggable, order);
        }
        List<VcpuEntry> list = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            list.add(byId[i] != null ? byId[i] : VcpuEntry.defaultFor(i, false));
        }
        return list;
    }

    private static boolean yesNo(XmlNode n, String attribute, String value) {
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw n.error(ErrorCode.XML_INVALID, "vcpus: attribute '%s' must be 'yes' or 'no'", attribute);
        };
    }

    static List<Element> write(Vcpu v) {
        Out vcpu = new Out("vcpu").attr("placement", v.placement().xml());
        v.cpuset().ifPresent(c -> vcpu.attr("cpuset", c.format()));
        if (v.current() < v.max()) {
            vcpu.attr("current", Integer.toString(v.current()));
        }
        vcpu.text(Integer.toString(v.max()));
        List<Element> out = new ArrayList<>();
        out.add(vcpu.build(v.extras()));
        // <vcpus> when asked for, and also whenever the plain form would lose per-vCPU state
        if (v.detailed() || !v.entries().equals(Vcpu.defaultEntries(v.max(), v.current()))) {
            Out vcpus = new Out("vcpus");
            for (VcpuEntry e : v.entries()) {
                Out entry = new Out("vcpu").attr("id", Integer.toString(e.id()))
                        .attr("enabled", e.enabled() ? "yes" : "no")
                        .attr("hotpluggable", e.hotpluggable() ? "yes" : "no");
                if (e.order() > 0) {
                    entry.attr("order", Integer.toString(e.order()));
                }
                vcpus.child(entry.build());
            }
            out.add(vcpus.build());
        }
        return out;
    }
}
