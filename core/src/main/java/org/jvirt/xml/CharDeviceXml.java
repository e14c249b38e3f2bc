package org.jvirt.xml;

import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.model.CharDevice;

/** {@code <serial>}, {@code <console>}, {@code <channel>}. */
final class CharDeviceXml {
    static final List<String> ORDER = List.of("source", "protocol", "log", "target", "alias", "address");

    private CharDeviceXml() {
    }

    static CharDevice read(XmlNode n, CharDevice.Kind kind) {
        String type = n.attr("type").orElse("pty");
        Optional<CharDevice.Source> source = n.child("source").map(s -> new CharDevice.Source(s.attr("mode"),
                s.attr("path"), s.extras()));
        Optional<CharDevice.Target> target = n.child("target").map(t -> new CharDevice.Target(t.attr("type"),
                t.intAttr("port"), t.attr("name"), t.extras()));
        return new CharDevice(kind, type, source, target, n.address(), n.extras());
    }

    static Element write(CharDevice c) {
        Out out = new Out(c.kind().xml(), ORDER).attr("type", c.type());
        c.source().ifPresent(s -> out.child(new Out("source").attr("mode", s.mode()).attr("path", s.path())
                .build(s.extras())));
        c.target().ifPresent(t -> out.child(new Out("target").attr("type", t.type()).attr("port", t.port())
                .attr("name", t.name()).build(t.extras())));
        out.child(AddressXml.write(c.address()));
        return out.build(c.extras());
    }
}
