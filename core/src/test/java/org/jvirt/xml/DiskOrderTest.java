package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** libvirt's order of disks, as observed with virsh -c test:///default (libvirt 9.0). */
class DiskOrderTest {
    private static List<String> ordered(DiskOrder.Key... disks) {
        return DiskOrder.order(List.of(disks)).stream().map(i -> disks[i].target()).toList();
    }

    private static DiskOrder.Key disk(String bus, String target) {
        return new DiskOrder.Key(bus, target);
    }

    @Test
    void targetsCountTheirLetters() {
        assertThat(DiskOrder.index("vda")).isZero();
        assertThat(DiskOrder.index("hdc")).isEqualTo(2);
        assertThat(DiskOrder.index("sdz")).isEqualTo(25);
        assertThat(DiskOrder.index("vdaa")).isEqualTo(26);
        assertThat(DiskOrder.index("xvdab")).isEqualTo(27);
        assertThat(DiskOrder.index("vda1")).isZero();
        assertThat(DiskOrder.index("disk0")).isEqualTo(-1);
        assertThat(DiskOrder.index("vda1x")).isEqualTo(-1);
    }

    @Test
    void disksGoByBusAsWrittenThenByTarget() {
        // virsh: vdb, vdc, vdaa, vdab (virtio), then vda (no bus), then hda (ide)
        assertThat(ordered(disk("virtio", "vdb"), disk("", "vda"), disk("virtio", "vdc"), disk("ide", "hda"),
                disk("virtio", "vdaa"), disk("virtio", "vdab")))
                .containsExactly("vdb", "vdc", "vdaa", "vdab", "vda", "hda");
        // virsh: vda, sda, hdc when none names its bus
        assertThat(ordered(disk("", "vda"), disk("", "hdc"), disk("", "sda"))).containsExactly("vda", "sda", "hdc");
    }
}
