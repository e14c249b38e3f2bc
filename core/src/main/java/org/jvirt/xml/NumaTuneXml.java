package org.jvirt.xml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.CpuSet;
import org.jvirt.model.IntegerText;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;

/** {@code <numatune>} (docs/domain-xml.md, "{@code <numatune>}"); the semantic rules are the validator's. */
final class NumaTuneXml {
    private NumaTuneXml() {
    }

    static NumaTune read(XmlNode n, Placement vcpuPlacement) {
        List<XmlNode> memories = n.children("memory");
        if (memories.size() > 1) {
            throw memories.get(1).error(ErrorCode.NUMATUNE, "numatune: only one <memory> element is allowed");
        }
        Optional<NumaTune.Memory> memory = Optional.empty();
        if (!memories.isEmpty()) {
            XmlNode m = memories.get(0);
            NumaMode mode = mode(m);
            Optional<CpuSet> nodeset = m.attr("nodeset")
                    .map(s -> m.at(() -> CpuSet.parse(s, "numatune memory nodeset")));
            Optional<String> p = m.attr("placement");
            Placement placement;
            if (p.isPresent()) {
                placement = Placement.fromXml(p.get());
                if (placement == null) {
                    throw m.error(ErrorCode.NUMATUNE, "numatune: placement '%s' is not 'static' or 'auto'",
                            XmlNode.shorten(p.get()));
                }
            } else {
                placement = nodeset.isPresent() || vcpuPlacement == Placement.STATIC ? Placement.STATIC
                        : Placement.AUTO;
            }
            if (placement == Placement.AUTO) {
                nodeset = Optional.empty();
            }
            memory = Optional.of(new NumaTune.Memory(mode, placement, nodeset));
        }
        List<NumaTune.MemNode> memnodes = new ArrayList<>();
        List<XmlNode> nodes = n.children("memnode");
        for (XmlNode m : nodes) {
            String cell = m.requiredAttr("cellid", ErrorCode.NUMATUNE, "numatune: memnode attribute 'cellid' is required");
            BigInteger cellId = IntegerText.parseUnsigned(cell);
            if (cellId == null || cellId.bitLength() > 31) {
                throw m.error(ErrorCode.NUMATUNE, "numatune: memnode cellid '%s' is not a non-negative integer",
                        XmlNode.shorten(cell));
            }
            NumaMode mode = mode(m);
            String set = m.requiredAttr("nodeset", ErrorCode.NUMATUNE,
                    "numatune: memnode attribute 'nodeset' is required");
            CpuSet nodeset = m.at(() -> CpuSet.parse(set, "numatune memnode nodeset"));
            memnodes.add(new NumaTune.MemNode(cellId.intValue(), mode, nodeset));
        }
        // written by cell id, as libvirt does
        for (int i = 0; i < nodes.size(); i++) {
            int cell = memnodes.get(i).cellId();
            nodes.get(i).writtenAt((int) memnodes.stream().filter(m -> m.cellId() < cell).count());
        }
        return new NumaTune(memory, memnodes, n.extras());
    }

    private static NumaMode mode(XmlNode m) {
        Optional<String> word = m.attr("mode");
        if (word.isEmpty()) {
            return NumaMode.STRICT;
        }
        NumaMode mode = NumaMode.fromXml(word.get());
        if (mode == null) {
            throw m.error(ErrorCode.NUMATUNE,
                    "numatune: mode '%s' is not one of strict, preferred, interleave, restrictive",
                    XmlNode.shorten(word.get()));
        }
        return mode;
    }

    static Element write(NumaTune t) {
        Out out = new Out("numatune", List.of("memory", "memnode"));
        t.memory().ifPresent(m -> {
            Out e = new Out("memory").attr("mode", m.mode().xml());
            if (m.placement() == Placement.AUTO) {
                e.attr("placement", "auto");
            } else if (m.nodeset().isPresent()) {
                e.attr("nodeset", m.nodeset().get().format());
            } else {
                e.attr("placement", "static");
            }
            out.child(e.build());
        });
        List<NumaTune.MemNode> byCell = new ArrayList<>(t.memnodes());
        byCell.sort((a, b) -> Integer.compare(a.cellId(), b.cellId()));
        for (NumaTune.MemNode m : byCell) {
            out.child(new Out("memnode").attr("cellid", Integer.toString(m.cellId())).attr("mode", m.mode().xml())
                    .attr("nodeset", m.nodeset().format()).build());
        }
        return out.build(t.extras());
    }
}
