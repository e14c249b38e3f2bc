package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** libvirt's QEMU fill-in of guest NUMA cells, observed on qemu:///system (libvirt 9.0). */
class GuestNumaFillTest {
    private static DomainDef withCells(int vcpus, long memoryKiB, String... cpus) {
        List<CpuDef.NumaCell> cells = new java.util.ArrayList<>();
        for (int i = 0; i < cpus.length; i++) {
            cells.add(new CpuDef.NumaCell(i, cpus[i].isEmpty() ? CpuSet.EMPTY : CpuSet.parse(cpus[i]), 262144,
                    Optional.empty(), Optional.empty(), List.of()));
        }
        CpuDef cpu = new CpuDef(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), cells, Extras.NONE);
        return DomainDef.builder("n").vcpu(Vcpu.of(vcpus)).memory(DomainMemory.ofKiB(memoryKiB)).cpu(Optional.of(cpu))
                .build();
    }

    private static List<String> cells(DomainDef d) {
        return d.cpu().orElseThrow().numaCells().stream().map(c -> c.cpus().format()).toList();
    }

    @Test
    void vcpusNoCellListsJoinTheFirstCellAndTheCellsGiveTheMemory() {
        // <vcpu>4</vcpu>, cells cpus='2' and cpus='3' of 256 MiB, <memory> 2 GiB: libvirt writes
        // cell 0 cpus='0-2' and memory 524288 KiB
        DomainDef d = withCells(4, 2097152, "2", "3").withGuestNumaFilledIn();
        assertThat(cells(d)).containsExactly("0-2", "3");
        assertThat(d.memory().memoryKiB()).isEqualTo(524288);
        assertThat(d.memory().currentKiB()).isEqualTo(524288);
    }

    @Test
    void aCellWithoutCpusTakesTheUnlistedOnesWhenItIsFirst() {
        assertThat(cells(withCells(4, 524288, "", "0-1").withGuestNumaFilledIn())).containsExactly("2-3", "0-1");
    }

    @Test
    void cellsThatListEveryVcpuAndDomainsWithoutCellsStayAsTheyAre() {
        DomainDef full = withCells(4, 524288, "0-1", "2-3");
        assertThat(full.withGuestNumaFilledIn()).isEqualTo(full);
        DomainDef none = DomainDef.builder("n").vcpu(Vcpu.of(4)).build();
        assertThat(none.withGuestNumaFilledIn()).isEqualTo(none);
    }
}
