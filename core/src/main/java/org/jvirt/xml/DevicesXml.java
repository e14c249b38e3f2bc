package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.model.CharDevice;
import org.jvirt.model.Controller;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.Device;
import org.jvirt.model.Devices;
import org.jvirt.model.Disk;
import org.jvirt.model.Filesystem;
import org.jvirt.model.Graphics;
import org.jvirt.model.Input;
import org.jvirt.model.MemBalloon;
import org.jvirt.model.NetInterface;
import org.jvirt.model.OpaqueDevice;
import org.jvirt.model.Rng;
import org.jvirt.model.Video;
import org.jvirt.model.Watchdog;

/**
 * {@code <devices>}. Devices are written family by family in libvirt's order (within a family,
 * in the order given, except disks, which are kept in libvirt's order: {@link DiskOrder});
 * device elements the model does not know stay opaque in their place.
 */
final class DevicesXml {
    /** libvirt's device order; unknown families are placed by it too. */
    static final List<String> ORDER = List.of("emulator", "disk", "controller", "lease", "filesystem", "interface",
            "smartcard", "serial", "parallel", "console", "channel", "input", "tpm", "graphics", "sound", "audio",
            "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon", "rng", "panic", "shmem",
            "memory", "iommu", "vsock", "crypto");

    /**
     * The device families read into the model after the disks, in the order they are read (each
     * family keeps its document order). Read in a loop with a switch rather than one lambda per
     * family: every domain read runs it, and on JDK 17 each lambda links its call site at run time.
     */
    private static final List<String> READ_FAMILIES = List.of("controller", "filesystem", "interface", "serial",
            "console", "channel", "input", "graphics", "video", "watchdog", "memballoon", "rng");

    private DevicesXml() {
    }

    static Devices read(XmlNode n) {
        Optional<String> emulator = n.childText("emulator");
        List<Device> disks = new ArrayList<>();
        List<DiskOrder.Key> keys = new ArrayList<>();
        for (XmlNode d : n.children("disk")) {
            Optional<Disk> disk = DiskXml.read(d);
            if (disk.isPresent()) {
                disks.add(disk.get());
                keys.add(new DiskOrder.Key(disk.get().target().bus().orElse(""), disk.get().target().dev()));
            } else {
                d.drop();
                d.warn(DefinitionWarning.Kind.UNMODELLED_ELEMENT, null,
                        "devices: a disk of type '%s' is not used by jvirt; it is kept as written",
                        d.element().getAttributeValue("type"));
                disks.add(new OpaqueDevice(Opaque.element(d.element())));
                org.jdom2.Element target = d.element().getChild("target");
                keys.add(new DiskOrder.Key(target == null ? "" : nonNull(target.getAttributeValue("bus")),
                        target == null ? "" : nonNull(target.getAttributeValue("dev"))));
            }
        }
        List<Device> list = new ArrayList<>();
        for (int i : DiskOrder.order(keys)) {
            list.add(disks.get(i));
        }
        for (String family : READ_FAMILIES) {
            for (XmlNode d : n.children(family)) {
                list.add(device(d));
            }
        }
        return new Devices(emulator, list, n.extras());
    }

    /** A device of one of {@link #READ_FAMILIES} (a switch, not a table of lambdas: see READ_FAMILIES). */
    private static Device device(XmlNode d) {
        return switch (d.name()) {
            case "controller" -> SimpleDevicesXml.controller(d);
            case "filesystem" -> FilesystemXml.read(d);
            case "interface" -> InterfaceXml.read(d);
            case "serial" -> CharDeviceXml.read(d, CharDevice.Kind.SERIAL);
            case "console" -> CharDeviceXml.read(d, CharDevice.Kind.CONSOLE);
            case "channel" -> CharDeviceXml.read(d, CharDevice.Kind.CHANNEL);
            case "input" -> SimpleDevicesXml.input(d);
            case "graphics" -> GraphicsXml.read(d);
            case "video" -> SimpleDevicesXml.video(d);
            case "watchdog" -> SimpleDevicesXml.watchdog(d);
            case "memballoon" -> SimpleDevicesXml.memballoon(d);
            case "rng" -> SimpleDevicesXml.rng(d);
            default -> throw new IllegalArgumentException("not a device family the model reads: " + d.name());
        };
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    static Element write(Devices devices) {
        Out out = new Out("devices", ORDER);
        out.textChild("emulator", devices.emulator());
        List<Device> sorted = new ArrayList<>(devices.list());
        sorted.sort((a, b) -> Integer.compare(ORDER.indexOf(a.elementName()), ORDER.indexOf(b.elementName())));
        for (Device d : sorted) {
            out.child(write(d));
        }
        return out.build(devices.extras());
    }

    private static Element write(Device d) {
        if (d instanceof Disk x) {
            return DiskXml.write(x);
        } else if (d instanceof Filesystem x) {
            return FilesystemXml.write(x);
        } else if (d instanceof NetInterface x) {
            return InterfaceXml.write(x);
        } else if (d instanceof Controller x) {
            return SimpleDevicesXml.write(x);
        } else if (d instanceof Input x) {
            return SimpleDevicesXml.write(x);
        } else if (d instanceof Graphics x) {
            return GraphicsXml.write(x);
        } else if (d instanceof Video x) {
            return SimpleDevicesXml.write(x);
        } else if (d instanceof CharDevice x) {
            return CharDeviceXml.write(x);
        } else if (d instanceof MemBalloon x) {
            return SimpleDevicesXml.write(x);
        } else if (d instanceof Rng x) {
            return SimpleDevicesXml.write(x);
        } else if (d instanceof OpaqueDevice x) {
            return Opaque.toJdom(x.element());
        }
        return SimpleDevicesXml.write((Watchdog) d);
    }
}
