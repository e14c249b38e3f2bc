package org.jvirt.xml;

import java.util.List;
import java.util.Optional;

import org.jvirt.model.Device;
import org.jvirt.model.Disk;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Extras;
import org.jvirt.model.NetInterface;
import org.jvirt.model.NumaTune;
import org.jvirt.model.OsDef;
import org.jvirt.model.Placement;

/**
 * The defaults the parser fills in after reading (lenient parse): the placement interplay of
 * docs/pinning.md ("numatune interplay"), and the default boot device (an hvm domain that names
 * no boot device, by {@code <boot dev>} or a device's {@code <boot order>}, boots from
 * {@code hd}, even with a {@code <kernel>}, as in libvirt). Driver-specific defaults (machine type,
 * emulator path) are the drivers'.
 */
final class PostParse {
    private PostParse() {
    }

    static DomainDef apply(DomainDef def) {
        DomainDef d = placement(def);
        return bootDevice(d);
    }

    private static DomainDef placement(DomainDef d) {
        Optional<NumaTune.Memory> memory = d.numaMemory();
        if (d.autoMemoryPlacement() && d.vcpu().placement() == Placement.STATIC && d.vcpu().cpuset().isEmpty()
                && d.cputune().vcpuPins().isEmpty() && d.cputune().emulatorPin().isEmpty()
                && d.cputune().iothreadPins().isEmpty()) {
            d = d.withVcpu(d.vcpu().withPlacement(Placement.AUTO));
        }
        if (d.vcpu().placement() == Placement.AUTO && memory.isEmpty()) {
            NumaTune.Memory auto = DomainCodec.autoMemory();
            NumaTune t = d.numatune().map(n -> new NumaTune(Optional.of(auto), n.memnodes(), n.extras()))
                    .orElse(new NumaTune(Optional.of(auto), List.of(), Extras.NONE));
            d = d.withNumatune(Optional.of(t));
        }
        return d;
    }

    private static DomainDef bootDevice(DomainDef d) {
        OsDef os = d.os();
        if (!os.type().name().equals("hvm") || !os.bootDevices().isEmpty()) {
            return d;
        }
        for (Device dev : d.devices().list()) {
            if ((dev instanceof Disk disk && disk.bootOrder().isPresent())
                    || (dev instanceof NetInterface i && i.bootOrder().isPresent())) {
                return d;
            }
        }
        return d.toBuilder().os(os.withBootDevices(List.of("hd"))).build();
    }
}
