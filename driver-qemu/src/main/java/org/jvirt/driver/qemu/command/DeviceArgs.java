package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.Opts.add;
import static org.jvirt.driver.qemu.command.Opts.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.DiskSource;
import org.jvirt.model.Disk;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Graphics;
import org.jvirt.model.NetInterface;

/** Disks, network interfaces, serial ports/consoles, VNC; boot indexes per device. */
final class DeviceArgs {
    private final DomainDef def;
    private final boolean q35;

    DeviceArgs(DomainDef def, String machineType) {
        this.def = def;
        this.q35 = machineType.contains("q35");
    }

    static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, format, args);
    }

    /**
     * Boot index per disk and NIC: the device's own {@code <boot order>}; when no device has one,
     * {@code <os><boot dev>} in order gives 1, 2, ... to the first disk / cdrom / NIC.
     */
    private record BootIndexes(List<OptionalInt> disks, List<OptionalInt> nics) {
    }

    private BootIndexes bootIndexes(List<Disk> disks, List<NetInterface> nics) {
        List<OptionalInt> d = new ArrayList<>();
        List<OptionalInt> n = new ArrayList<>();
        boolean perDevice = disks.stream().anyMatch(x -> x.bootOrder().isPresent())
                || nics.stream().anyMatch(x -> x.bootOrder().isPresent());
        disks.forEach(x -> d.add(perDevice ? x.bootOrder() : OptionalInt.empty()));
        nics.forEach(x -> n.add(perDevice ? x.bootOrder() : OptionalInt.empty()));
        if (!perDevice) {
            int index = 1;
            for (String dev : def.os().bootDevices()) {
                switch (dev) {
                    case "hd" -> index = assignFirst(disks, d, "disk", index);
                    case "cdrom" -> index = assignFirst(disks, d, "cdrom", index);
                    case "network" -> {
                        if (!nics.isEmpty() && n.get(0).isEmpty()) {
                            n.set(0, OptionalInt.of(index++));
                        }
                    }
                    default -> {
                        // fd: no floppy support; nothing to boot from
                    }
                }
            }
        }
        return new BootIndexes(d, n);
    }

    private static int assignFirst(List<Disk> disks, List<OptionalInt> idx, String device, int index) {
        for (int i = 0; i < disks.size(); i++) {
            if (disks.get(i).device().equals(device) && idx.get(i).isEmpty()) {
                idx.set(i, OptionalInt.of(index));
                return index + 1;
            }
        }
        return index;
    }

    void devices(List<String> argv) {
        List<Disk> disks = def.devices().of(Disk.class);
        List<NetInterface> nics = def.devices().of(NetInterface.class);
        BootIndexes boot = bootIndexes(disks, nics);
        if (!q35 && disks.stream().anyMatch(d -> bus(d).equals("sata"))) {
            ObjectNode ahci = Opts.object("driver", "ich9-ahci");
            ahci.put("id", "sata0");
            add(argv, "-device", Opts.json(ahci));
        }
        int ide = 0;
        int sata = 0;
        for (int i = 0; i < disks.size(); i++) {
            Disk d = disks.get(i);
            String bus = bus(d);
            int unit = bus.equals("ide") ? ide++ : bus.equals("sata") ? sata++ : 0;
            disk(argv, d, i + 1, unit, boot.disks().get(i));
        }
        for (int i = 0; i < nics.size(); i++) {
            nic(argv, nics.get(i), i, boot.nics().get(i));
        }
        serials(argv);
        graphics(argv);
    }

    private static String bus(Disk d) {
        return d.target().bus().orElse(d.target().dev().startsWith("vd") ? "virtio"
                : d.target().dev().startsWith("hd") ? "ide" : "sata");
    }

    private void disk(List<String> argv, Disk d, int n, int unit, OptionalInt bootIndex) {
        String where = "disk target '" + d.target().dev() + "'";
        DiskSource src = d.source().orElseThrow(
                () -> unsupported("%s: a disk needs a <source> (empty drives are not supported)", where));
        String path;
        if (src instanceof DiskSource.File f) {
            path = f.path().orElseThrow(() -> unsupported("%s: <source file> is missing", where));
        } else if (src instanceof DiskSource.Block b) {
            path = b.dev().orElseThrow(() -> unsupported("%s: <source dev> is missing", where));
        } else {
            throw unsupported("%s: only file and block disks are supported", where);
        }
        String format = d.driver().flatMap(Disk.Driver::type).orElse("raw");
        if (!format.equals("raw") && !format.equals("qcow2")) {
            throw unsupported("%s: disk format '%s' is not supported (raw or qcow2)", where, format);
        }
        boolean readonly = d.readonly() || d.device().equals("cdrom");
        ObjectNode storage = Opts.object("driver", d.source().get() instanceof DiskSource.Block ? "host_device" : "file");
        storage.put("filename", path);
        storage.put("node-name", "libvirt-" + n + "-storage");
        storage.put("auto-read-only", true);
        storage.put("discard", "unmap");
        add(argv, "-blockdev", Opts.json(storage));
        ObjectNode fmt = Opts.object("node-name", "libvirt-" + n + "-format");
        fmt.put("read-only", readonly);
        fmt.put("driver", format);
        fmt.put("file", "libvirt-" + n + "-storage");
        if (format.equals("qcow2")) {
            fmt.putNull("backing");
        }
        add(argv, "-blockdev", Opts.json(fmt));
        String bus = bus(d);
        ObjectNode dev;
        switch (bus) {
            case "virtio" -> {
                if (d.device().equals("cdrom")) {
                    throw unsupported("%s: a cdrom cannot be on the virtio bus (ide or sata)", where);
                }
                dev = Opts.object("driver", "virtio-blk-pci");
                dev.put("drive", "libvirt-" + n + "-format");
                dev.put("id", "virtio-disk" + (n - 1));
            }
            case "ide", "sata" -> {
                dev = Opts.object("driver", d.device().equals("cdrom") ? "ide-cd" : "ide-hd");
                if (bus.equals("ide")) {
                    if (q35) {
                        throw unsupported("%s: q35 machines have no IDE bus (use sata)", where);
                    }
                    dev.put("bus", "ide." + unit / 2);
                    dev.put("unit", unit % 2);
                } else {
                    dev.put("bus", (q35 ? "ide." : "sata0.") + unit);
                }
                dev.put("drive", "libvirt-" + n + "-format");
                dev.put("id", bus + "0-0-" + unit);
            }
            default -> throw unsupported("%s: disk bus '%s' is not supported (virtio, ide or sata)", where, bus);
        }
        bootIndex.ifPresent(b -> dev.put("bootindex", b));
        d.serial().ifPresent(s -> dev.put("serial", s));
        add(argv, "-device", Opts.json(dev));
    }

    private void nic(List<String> argv, NetInterface nic, int i, OptionalInt bootIndex) {
        ObjectNode net = Opts.object("type", "user");
        switch (nic.type()) {
            case "user" -> {
                // user-mode networking needs nothing on the host
            }
            case "ethernet" -> {
                net.put("type", "tap");
                net.put("ifname", nic.targetDev().orElseThrow(() -> unsupported(
                        "interface %d: type 'ethernet' needs <target dev> naming an existing tap device", i)));
                net.put("script", "no");
                net.put("downscript", "no");
            }
            case "bridge" -> {
                net.put("type", "bridge");
                net.put("br", nic.source().flatMap(NetInterface.Source::bridge).orElseThrow(() -> unsupported(
                        "interface %d: type 'bridge' needs <source bridge>", i)));
            }
            default -> throw unsupported("interface %d: type '%s' is not supported (user, ethernet or bridge)", i,
                    nic.type());
        }
        net.put("id", "hostnet" + i);
        add(argv, "-netdev", Opts.json(net));
        String model = nic.model().orElse("virtio");
        ObjectNode dev = Opts.object("driver", model.equals("virtio") ? "virtio-net-pci" : model);
        dev.put("netdev", "hostnet" + i);
        dev.put("id", "net" + i);
        nic.mac().ifPresent(m -> dev.put("mac", m));
        bootIndex.ifPresent(b -> dev.put("bootindex", b));
        add(argv, "-device", Opts.json(dev));
    }

    /** Whether the domain uses a bridge (its helper must be allowed to spawn). */
    static boolean hasBridge(DomainDef def) {
        return def.devices().of(NetInterface.class).stream().anyMatch(n -> n.type().equals("bridge"));
    }

    private void serials(List<String> argv) {
        List<CharDevice> ports = new ArrayList<>();
        for (CharDevice c : def.devices().of(CharDevice.class)) {
            if (c.kind() == CharDevice.Kind.SERIAL) {
                ports.add(c);
            }
        }
        if (ports.isEmpty()) {
            // a console of target type serial without a serial port is that port (as in libvirt)
            for (CharDevice c : def.devices().of(CharDevice.class)) {
                if (c.kind() == CharDevice.Kind.CONSOLE
                        && c.target().flatMap(CharDevice.Target::type).orElse("serial").equals("serial")) {
                    ports.add(c);
                    break;
                }
            }
        }
        for (int n = 0; n < ports.size(); n++) {
            final int i = n;
            CharDevice c = ports.get(i);
            String id = "charserial" + i;
            Optional<String> path = c.source().flatMap(CharDevice.Source::path);
            String chardev = switch (c.type()) {
                case "pty" -> "pty,id=" + id;
                case "null" -> "null,id=" + id;
                case "file" -> "file,id=" + id + ",path=" + esc(path.orElseThrow(() -> unsupported(
                        "serial %d: type 'file' needs <source path>", i))) + ",append=on";
                case "unix" -> "socket,id=" + id + ",path=" + esc(path.orElseThrow(() -> unsupported(
                        "serial %d: type 'unix' needs <source path>", i))) + ",server=on,wait=off";
                default -> throw unsupported("serial %d: type '%s' is not supported (pty, file, unix or null)", i,
                        c.type());
            };
            add(argv, "-chardev", chardev);
            ObjectNode dev = Opts.object("driver", "isa-serial");
            dev.put("chardev", id);
            dev.put("id", "serial" + i);
            dev.put("index", i);
            add(argv, "-device", Opts.json(dev));
        }
    }

    /** Whether {@code def} has a display (else {@code -display none}). */
    static boolean hasVnc(DomainDef def) {
        return def.devices().of(Graphics.class).stream().anyMatch(g -> g.type().equals("vnc"));
    }

    private void graphics(List<String> argv) {
        for (Graphics g : def.devices().of(Graphics.class)) {
            if (!g.type().equals("vnc")) {
                throw unsupported("graphics type '%s' is not supported (vnc only)", g.type());
            }
            String listen = g.listen().orElse("127.0.0.1");
            boolean auto = g.autoport().orElse(g.port().isEmpty() || g.port().getAsInt() < 0);
            int display = auto ? 0 : g.port().getAsInt() - 5900;
            if (display < 0) {
                throw unsupported("graphics: VNC port %d is below 5900", g.port().getAsInt());
            }
            String host = listen.contains(":") ? "[" + listen + "]" : listen;
            add(argv, "-vnc", esc(host) + ":" + display + (auto ? ",to=99" : ""));
            ObjectNode vga = Opts.object("driver", "VGA");
            vga.put("id", "video0");
            add(argv, "-device", Opts.json(vga));
        }
    }
}
