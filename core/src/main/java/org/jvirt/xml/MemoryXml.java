package org.jvirt.xml;

import java.util.Optional;
import java.util.OptionalLong;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.DomainMemory;
import org.jvirt.model.MemTune;
import org.jvirt.model.MemoryUnit;

/** {@code <memory>}, {@code <currentMemory>}, {@code <maxMemory>} and {@code <memtune>}; all sizes in KiB. */
final class MemoryXml {
    private MemoryXml() {
    }

    /** A size element {@code <NAME unit='U'>N</NAME>} in KiB. */
    static long size(XmlNode n) {
        String unit = n.attr("unit").orElse(null);
        String text = n.text();
        return n.at(() -> MemoryUnit.toKiB(text, unit, n.name()));
    }

    /**
     * {@code cellTotalKiB} stands in for {@code <memory>} when that is absent (libvirt derives it
     * from the guest NUMA cells); without either the domain has no memory size, an error.
     */
    static DomainMemory read(XmlNode domain, OptionalLong cellTotalKiB) {
        Optional<XmlNode> memory = domain.child("memory");
        long kib;
        if (memory.isPresent()) {
            kib = size(memory.get());
            memory.get().rejectUnknown();
        } else if (cellTotalKiB.isPresent()) {
            kib = cellTotalKiB.getAsLong();
        } else {
            throw domain.error(ErrorCode.XML_INVALID,
                    "domain: element <memory> is required (or guest NUMA cells giving the size)");
        }
        long current = kib;
        Optional<XmlNode> cur = domain.child("currentMemory");
        if (cur.isPresent()) {
            current = Math.min(size(cur.get()), kib);
            cur.get().rejectUnknown();
        }
        Optional<DomainMemory.MaxMemory> max = Optional.empty();
        Optional<XmlNode> maxNode = domain.child("maxMemory");
        if (maxNode.isPresent()) {
            XmlNode m = maxNode.get();
            long size = size(m);
            int slots = m.attr("slots").map(s -> m.parseInt(s, "attribute 'slots'")).orElse(0);
            m.rejectUnknown();
            max = Optional.of(new DomainMemory.MaxMemory(size, slots));
        }
        return new DomainMemory(kib, current, max);
    }

    static MemTune readTune(XmlNode n) {
        return new MemTune(limit(n, "hard_limit"), limit(n, "soft_limit"), limit(n, "swap_hard_limit"),
                limit(n, "min_guarantee"), n.extras());
    }

    private static OptionalLong limit(XmlNode n, String name) {
        Optional<XmlNode> c = n.leaf(name, "unit");
        return c.isEmpty() ? OptionalLong.empty() : OptionalLong.of(size(c.get()));
    }

    static Element sizeElement(String name, long kib) {
        return new Element(name).setAttribute("unit", "KiB").setText(Long.toString(kib));
    }

    static Element writeTune(MemTune t) {
        Out out = new Out("memtune", java.util.List.of("hard_limit", "soft_limit", "min_guarantee", "swap_hard_limit"));
        t.hardLimitKiB().ifPresent(v -> out.child(sizeElement("hard_limit", v)));
        t.softLimitKiB().ifPresent(v -> out.child(sizeElement("soft_limit", v)));
        t.minGuaranteeKiB().ifPresent(v -> out.child(sizeElement("min_guarantee", v)));
        t.swapHardLimitKiB().ifPresent(v -> out.child(sizeElement("swap_hard_limit", v)));
        return out.build(t.extras());
    }
}
