package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.CharDevice;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.Extras;
import org.jvirt.model.OpaqueNode;

/**
 * {@code <serial>}, {@code <console>}, {@code <channel>}, with libvirt's rules for sources: one at
 * most, except {@code udp}, which may have a {@code bind} source (where it listens) and a
 * {@code connect} source (where it sends), written in that order. A socket source without a mode
 * connects; a {@code tcp} device without a {@code <protocol>} speaks {@code raw}.
 */
final class CharDeviceXml {
    static final List<String> ORDER = List.of("source", "protocol", "log", "target", "alias", "address");
    private static final List<String> SOCKET_TYPES = List.of("tcp", "udp", "unix");

    private CharDeviceXml() {
    }

    static CharDevice read(XmlNode n, CharDevice.Kind kind) {
        String type = n.attr("type").orElse("pty");
        List<CharDevice.Source> sources = sources(n, type);
        Optional<CharDevice.Target> target = n.child("target").map(t -> new CharDevice.Target(t.attr("type"),
                t.intAttr("port"), t.attr("name"), t.extras()));
        Optional<org.jvirt.model.Address> address = n.address();
        Extras extras = n.extras();
        if (type.equals("tcp") && n.element().getChild("protocol") == null) {
            extras = withDefaultProtocol(extras);
        }
        return new CharDevice(kind, type, sources, target, address, extras);
    }

    private static List<CharDevice.Source> sources(XmlNode n, String type) {
        List<XmlNode> nodes = n.children("source");
        boolean udp = type.equals("udp");
        if (nodes.size() > (udp ? 2 : 1)) {
            throw nodes.get(udp ? 2 : 1).error(ErrorCode.XML_INVALID, udp
                    ? "%s: a udp device has at most two <source> elements (mode='bind' and mode='connect')"
                    : "%s: only one <source> element is allowed for a %s device (two only for type 'udp')",
                    n.name(), type);
        }
        CharDevice.Source bind = null;
        CharDevice.Source connect = null;
        List<CharDevice.Source> list = new ArrayList<>();
        for (XmlNode s : nodes) {
            Optional<String> mode = s.attr("mode");
            if (mode.isPresent() && !mode.get().equals("bind") && !mode.get().equals("connect")) {
                throw s.error(ErrorCode.XML_INVALID, "%s: source mode '%s' is not 'bind' or 'connect'", n.name(),
                        XmlNode.shorten(mode.get()));
            }
            if (mode.isEmpty() && SOCKET_TYPES.contains(type)) {
                mode = Optional.of("connect");
            }
            CharDevice.Source source = new CharDevice.Source(mode, s.attr("path"), s.extras());
            if (!udp) {
                list.add(source);
            } else if (mode.get().equals("bind")) {
                if (bind != null) {
                    throw s.error(ErrorCode.XML_INVALID, "%s: a udp device has one bind source, not two", n.name());
                }
                bind = source;
            } else if (connect != null) {
                s.drop();
                s.warn(DefinitionWarning.Kind.DUPLICATE_DROPPED, null,
                        "%s: a second connect source is dropped; a udp device sends to the first one", n.name());
            } else {
                connect = source;
            }
        }
        if (bind != null) {
            list.add(bind);
        }
        if (connect != null) {
            list.add(connect);
        }
        return list;
    }

    private static Extras withDefaultProtocol(Extras extras) {
        List<Extras.Placed> elements = new ArrayList<>(extras.elements());
        elements.add(0, new Extras.Placed("source", new OpaqueNode.Element("", "", "protocol",
                List.of(new OpaqueNode.Attribute("", "", "type", "raw")), List.of())));
        return new Extras(extras.attributes(), elements, extras.nested());
    }

    static Element write(CharDevice c) {
        Out out = new Out(c.kind().xml(), ORDER).attr("type", c.type());
        for (CharDevice.Source s : c.sources()) {
            out.child(new Out("source").attr("mode", s.mode()).attr("path", s.path()).build(s.extras()));
        }
        c.target().ifPresent(t -> out.child(new Out("target").attr("type", t.type()).attr("port", t.port())
                .attr("name", t.name()).build(t.extras())));
        out.child(AddressXml.write(c.address()));
        return out.build(c.extras());
    }
}
