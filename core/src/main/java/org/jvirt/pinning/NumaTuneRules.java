package org.jvirt.pinning;

import static org.jvirt.pinning.VcpuRules.error;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;

/** V21, the semantic rules of {@code <numatune>} (docs/pinning.md#numatune-interplay); syntax is the parser's. */
final class NumaTuneRules {
    private NumaTuneRules() {
    }

    static void check(DomainDef def) {
        if (def.numatune().isEmpty()) {
            return;
        }
        NumaTune nt = def.numatune().get();
        Optional<NumaTune.Memory> memory = nt.memory();
        if (memory.isPresent() && memory.get().placement() == Placement.STATIC) {
            if (memory.get().nodeset().isEmpty()) {
                throw error(ErrorCode.NUMATUNE,
                        "numatune: <memory> with placement 'static' needs a nodeset (or use placement 'auto')");
            }
            if (memory.get().nodeset().get().isEmpty()) {
                throw error(ErrorCode.NUMATUNE, "numatune: <memory> nodeset selects no host node");
            }
        }
        if (nt.memnodes().isEmpty()) {
            return;
        }
        List<CpuDef.NumaCell> cells = def.cpu().map(CpuDef::numaCells).orElse(List.of());
        if (cells.isEmpty()) {
            throw error(ErrorCode.NUMATUNE, "numatune: <memnode> needs guest NUMA cells (<cpu><numa><cell>)");
        }
        if (memory.isPresent() && memory.get().placement() == Placement.AUTO) {
            throw error(ErrorCode.NUMATUNE,
                    "numatune: <memnode> is not allowed with <memory placement='auto'>: numad decides the nodes");
        }
        CpuSet cellIds = CpuSet.of(cells.stream().mapToInt(CpuDef.NumaCell::id).toArray());
        Set<Integer> seen = new HashSet<>();
        for (NumaTune.MemNode m : nt.memnodes()) {
            if (!cellIds.contains(m.cellId())) {
                throw error(ErrorCode.NUMATUNE, "numatune: memnode cellid %d is not a guest NUMA cell (cells: %s)",
                        m.cellId(), cellIds.format());
            }
            if (!seen.add(m.cellId())) {
                throw error(ErrorCode.NUMATUNE, "numatune: more than one memnode for cell %d", m.cellId());
            }
            if (m.nodeset().isEmpty()) {
                throw error(ErrorCode.NUMATUNE, "numatune: memnode for cell %d: nodeset selects no host node",
                        m.cellId());
            }
            if (memory.isPresent() && memory.get().mode() == NumaMode.RESTRICTIVE
                    && m.mode() != NumaMode.RESTRICTIVE) {
                throw error(ErrorCode.NUMATUNE,
                        "numatune: memnode for cell %d must have mode 'restrictive' like <memory>, not '%s'",
                        m.cellId(), m.mode().xml());
            }
        }
    }
}
