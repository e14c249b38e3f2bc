package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.Disk;
import org.jvirt.model.DiskSource;

/** {@code <disk>}: file, block and network disks; other disk types stay opaque. */
final class DiskXml {
    static final List<String> ORDER = List.of("driver", "source", "backingStore", "target", "blockio", "iotune",
            "readonly", "shareable", "transient", "serial", "wwn", "vendor", "product", "encryption", "boot",
            "alias", "address");

    private DiskXml() {
    }

    /** The disk, or empty when its type is not one the model knows. */
    static Optional<Disk> read(XmlNode n) {
        String type = n.attr("type").orElse("file");
        if (!Disk.TYPES.contains(type)) {
            return Optional.empty();
        }
        String device = n.attr("device").orElse("disk");
        Optional<Disk.Driver> driver = n.child("driver").map(d -> new Disk.Driver(d.attr("name"), d.attr("type"),
                d.attr("cache"), d.extras()));
        Optional<DiskSource> source = n.child("source").map(s -> source(type, s));
        XmlNode t = n.requiredChild("target", "disk: element <target> is required");
        Disk.Target target = new Disk.Target(t.requiredAttr("dev", ErrorCode.XML_INVALID,
                "disk: <target> attribute 'dev' is required"), t.attr("bus"), t.extras());
        boolean readonly = n.child("readonly").isPresent();
        boolean shareable = n.child("shareable").isPresent();
        Optional<String> serial = n.childText("serial");
        OptionalInt boot = bootOrder(n);
        return Optional.of(new Disk(type, device, driver, source, target, readonly, shareable, serial, boot,
                n.address(), n.extras()));
    }

    static OptionalInt bootOrder(XmlNode n) {
        Optional<XmlNode> b = n.child("boot");
        if (b.isEmpty()) {
            return OptionalInt.empty();
        }
        String text = b.get().requiredAttr("order", ErrorCode.XML_INVALID, "boot: attribute 'order' is required");
        int order = b.get().parseInt(text, "attribute 'order'");
        if (order < 1) {
            throw b.get().error(ErrorCode.XML_INVALID, "boot: order must be a positive integer, not %d", order);
        }
        return OptionalInt.of(order);
    }

    private static DiskSource source(String type, XmlNode s) {
        switch (type) {
            case "file":
                return new DiskSource.File(s.attr("file"), s.extras());
            case "block":
                return new DiskSource.Block(s.attr("dev"), s.extras());
            default:
                String protocol = s.requiredAttr("protocol", ErrorCode.XML_INVALID,
                        "disk: network <source> attribute 'protocol' is required");
                Optional<String> name = s.attr("name");
                List<DiskSource.Host> hosts = new ArrayList<>();
                for (XmlNode h : s.children("host")) {
                    hosts.add(new DiskSource.Host(h.attr("name"), h.attr("port"), h.attr("transport"),
                            h.attr("socket")));
                }
                return new DiskSource.Network(protocol, name, hosts, s.extras());
        }
    }

    static Element write(Disk d) {
        Out out = new Out("disk", ORDER).attr("type", d.type()).attr("device", d.device());
        d.driver().ifPresent(v -> out.child(new Out("driver").attr("name", v.name()).attr("type", v.type())
                .attr("cache", v.cache()).build(v.extras())));
        d.source().ifPresent(s -> out.child(source(s)));
        out.child(new Out("target").attr("dev", d.target().dev()).attr("bus", d.target().bus())
                .build(d.target().extras()));
        out.flag("readonly", d.readonly());
        out.flag("shareable", d.shareable());
        out.textChild("serial", d.serial());
        d.bootOrder().ifPresent(o -> out.child(new Element("boot").setAttribute("order", Integer.toString(o))));
        out.child(AddressXml.write(d.address()));
        return out.build(d.extras());
    }

    private static Element source(DiskSource s) {
        if (s instanceof DiskSource.File f) {
            return new Out("source").attr("file", f.path()).build(f.extras());
        }
        if (s instanceof DiskSource.Block b) {
            return new Out("source").attr("dev", b.dev()).build(b.extras());
        }
        DiskSource.Network n = (DiskSource.Network) s;
        Out out = new Out("source", List.of("host")).attr("protocol", n.protocol()).attr("name", n.name());
        for (DiskSource.Host h : n.hosts()) {
            out.child(new Out("host").attr("name", h.name()).attr("port", h.port()).attr("transport", h.transport())
                    .attr("socket", h.socket()).build());
        }
        return out.build(n.extras());
    }
}
