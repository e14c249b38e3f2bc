package org.jvirt.xml;

import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.NetInterface;

/** {@code <interface>}. */
final class InterfaceXml {
    static final List<String> ORDER = List.of("mac", "source", "virtualport", "ip", "route", "script",
            "backenddomain", "target", "guest", "model", "driver", "backend", "filterref", "tune", "teaming", "link",
            "mtu", "coalesce", "bandwidth", "vlan", "port", "boot", "rom", "alias", "address");

    private InterfaceXml() {
    }

    static NetInterface read(XmlNode n) {
        String type = n.requiredAttr("type", ErrorCode.XML_INVALID, "interface: attribute 'type' is required");
        Optional<String> mac = n.childWith("mac", "address").flatMap(m -> m.attr("address"));
        Optional<NetInterface.Source> source = n.child("source").map(s -> new NetInterface.Source(s.attr("network"),
                s.attr("bridge"), s.attr("dev"), s.attr("mode"), s.extras()));
        Optional<String> target = n.childWith("target", "dev").flatMap(t -> t.attr("dev"));
        Optional<String> model = n.childWith("model", "type").flatMap(m -> m.attr("type"));
        return new NetInterface(type, mac, source, target, model, DiskXml.bootOrder(n), n.address(), n.extras());
    }

    static Element write(NetInterface i) {
        Out out = new Out("interface", ORDER).attr("type", i.type());
        i.mac().ifPresent(m -> out.child(new Element("mac").setAttribute("address", m)));
        i.source().ifPresent(s -> out.child(new Out("source").attr("network", s.network()).attr("bridge", s.bridge())
                .attr("dev", s.dev()).attr("mode", s.mode()).build(s.extras())));
        i.targetDev().ifPresent(t -> out.child(new Element("target").setAttribute("dev", t)));
        i.model().ifPresent(m -> out.child(new Element("model").setAttribute("type", m)));
        i.bootOrder().ifPresent(o -> out.child(new Element("boot").setAttribute("order", Integer.toString(o))));
        out.child(AddressXml.write(i.address()));
        return out.build(i.extras());
    }
}
