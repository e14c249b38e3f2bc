package org.jvirt.driver.test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.jvirt.host.HostCell;
import org.jvirt.host.HostTopology;
import org.jvirt.model.Address;
import org.jvirt.model.CpuSet;
import org.jvirt.model.Devices;
import org.jvirt.model.Disk;
import org.jvirt.model.DiskSource;
import org.jvirt.model.DomainDef;
import org.jvirt.model.DomainMemory;
import org.jvirt.model.Extras;
import org.jvirt.model.MemBalloon;
import org.jvirt.model.NetInterface;
import org.jvirt.model.OpaqueNode;
import org.jvirt.model.OsDef;
import org.jvirt.model.Vcpu;
import org.jvirt.xml.NodeDocument;

/**
 * The node of {@code test:///default}, built as model values: the node file shown in
 * docs/drivers.md ("test:///default"), which DefaultNodeTest holds equal to these. Built in code
 * so that opening the default node parses no XML (a one-shot command then never starts an XML
 * parser, whose first use costs a JDK 17 process about 25 ms).
 */
final class DefaultNode {
    private static final long CELL_KIB = 1572864;

    private DefaultNode() {
    }

    /**
     * A host of 16 CPUs in 2 NUMA cells (2 sockets x 2 cores x 2 threads each) whose pin map is 8
     * CPUs wide, as virsh sees libvirt's test driver; no host name of its own (the real host's).
     */
    static NodeDocument host() {
        HostTopology topology = new HostTopology("i686", "i686", 1400,
                List.of(HostCell.uniform(0, CELL_KIB, 0, 0, 2, 2, 2), HostCell.uniform(1, CELL_KIB, 8, 2, 2, 2, 2)),
                CpuSet.range(0, 7), 8);
        return new NodeDocument(topology, Optional.empty(), List.of());
    }

    /** The running persistent domain 'test': 2 vCPUs, 8 GiB (2 GiB current), a disk, a NIC, a balloon. */
    static DomainDef domain() {
        Disk disk = new Disk("file", "disk", Optional.empty(),
                Optional.of(new DiskSource.File(Optional.of("/guest/diskimage1"), Extras.NONE)),
                new Disk.Target("vda", Optional.of("virtio"), Extras.NONE), false, false, Optional.empty(),
                OptionalInt.empty(), Optional.of(pci("0x01", "0x00")), Extras.NONE);
        NetInterface nic = new NetInterface("network", Optional.of("aa:bb:cc:dd:ee:ff"),
                Optional.of(new NetInterface.Source(Optional.of("default"), Optional.empty(), Optional.empty(),
                        Optional.empty(), Extras.NONE)),
                Optional.of("testnet0"), Optional.empty(), OptionalInt.empty(), Optional.of(pci("0x00", "0x01")),
                Extras.NONE);
        MemBalloon balloon = new MemBalloon("virtio", Optional.of(pci("0x00", "0x02")), Extras.NONE);
        OsDef os = OsDef.of("hvm").withType(new OsDef.OsType("hvm", Optional.of("i686"), Optional.empty(), Extras.NONE))
                .withBootDevices(List.of("hd"));
        return DomainDef.builder("test").type("test").uuid(UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"))
                .memory(new DomainMemory(8388608, 2097152, Optional.empty())).vcpu(Vcpu.of(2)).os(os)
                .devices(new Devices(Optional.empty(), List.of(disk, nic, balloon), Extras.NONE)).build();
    }

    /** {@code <address type='pci' domain='0x0000' bus slot function='0x0'/>}. */
    private static Address pci(String bus, String slot) {
        return new Address("pci", List.of(attribute("domain", "0x0000"), attribute("bus", bus),
                attribute("slot", slot), attribute("function", "0x0")));
    }

    private static OpaqueNode.Attribute attribute(String name, String value) {
        return new OpaqueNode.Attribute("", "", name, value);
    }
}
