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
     * {@code cellTotalKiB} stands in for {@code <memory>} when that is absent or 0 (libvirt
     * derives it from the guest NUMA cells); without either the domain has no memory size, an
     * error. A {@code <currentMemory>} of 0 or above the memory size is the memory size.
     */
    static DomainMemory read(XmlNode domain, OptionalLong cellTotalKiB) {
        Optional<XmlNode> memory = domain.child("memory");
        long kib = 0;
        Optional<Boolean> dumpCore = Optional.empty();
        if (memory.isPresent()) {
            kib = size(memory.get());
            dumpCore = memory.get().onOff("dumpCore");
        }
        if (kib == 0 && cellTotalKiB.isPresent()) {
            kib = cellTotalKiB.getAsLong();
        }
        if (kib == 0) {
            throw domain.error(ErrorCode.XML_INVALID,
                    "domain: the memory size must be given by <memory> (above 0) or by guest NUMA cells");
        }
        long current = kib;
        Optional<XmlNode> cur = domain.child("currentMemory");
        if (cur.isPresent()) {
            long size = size(cur.get());
            current = size == 0 ? kib : Math.min(size, kib);
        }
        Optional<DomainMemory.MaxMemory> max = Optional.empty();
        Optional<XmlNode> maxNode = domain.child("maxMemory");
        if (maxNode.isPresent()) {
            XmlNode m = maxNode.get();
            long size = size(m);
            Optional<String> slots = m.attr("slots");
            if (slots.isEmpty() || size == 0) {
                throw m.error(ErrorCode.XML_INVALID,
                        "maxMemory: both the maximum size and attribute 'slots' must be given");
            }
            if (size < kib) {
                throw m.error(ErrorCode.XML_INVALID,
                        "maxMemory: the maximum memory size %d KiB is below the memory size %d KiB", size, kib);
            }
            max = Optional.of(new DomainMemory.MaxMemory(size, m.unsignedInt(slots.get(), "attribute 'slots'",
                    Integer.MAX_VALUE)));
        }
        return new DomainMemory(kib, current, max, dumpCore);
    }

    static MemTune readTune(XmlNode n) {
        return new MemTune(limit(n, "hard_limit"), limit(n, "soft_limit"), limit(n, "swap_hard_limit"),
                limit(n, "min_guarantee"), n.extras());
    }

    private static OptionalLong limit(XmlNode n, String name) {
        Optional<XmlNode> c = n.child(name);
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
