package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.Graphics;

/**
 * {@code <graphics>}. As libvirt does, a {@code listen} attribute with no {@code <listen>}
 * child gains {@code <listen type='address' address='...'/>}, and the attribute is filled from
 * the first address listen when absent.
 */
final class GraphicsXml {
    private GraphicsXml() {
    }

    static Graphics read(XmlNode n) {
        String type = n.requiredAttr("type", ErrorCode.XML_INVALID, "graphics: attribute 'type' is required");
        List<Graphics.Listen> listens = new ArrayList<>();
        for (XmlNode l : n.children("listen")) {
            listens.add(new Graphics.Listen(l.requiredAttr("type", ErrorCode.XML_INVALID,
                    "graphics: <listen> attribute 'type' is required"), l.attr("address"), l.attr("network"),
                    l.attr("socket"), l.extras()));
        }
        Optional<String> listen = n.attr("listen");
        if (listen.isPresent() && listens.isEmpty()) {
            listens.add(new Graphics.Listen("address", listen, Optional.empty(), Optional.empty(),
                    org.jvirt.model.Extras.NONE));
        }
        if (listen.isEmpty() && !listens.isEmpty() && listens.get(0).type().equals("address")) {
            listen = listens.get(0).address();
        }
        return new Graphics(type, n.intAttr("port"), n.yesNo("autoport"), listen, n.attr("passwd"), listens,
                n.extras());
    }

    static Element write(Graphics g) {
        Out out = new Out("graphics", List.of("listen")).attr("type", g.type()).attr("port", g.port())
                .yesNo("autoport", g.autoport()).attr("listen", g.listen()).attr("passwd", g.passwd());
        for (Graphics.Listen l : g.listens()) {
            out.child(new Out("listen").attr("type", l.type()).attr("address", l.address())
                    .attr("network", l.network()).attr("socket", l.socket()).build(l.extras()));
        }
        return out.build(g.extras());
    }
}
