package org.jvirt.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdom2.Attribute;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.Extras;
import org.jvirt.model.OpaqueNode;

/**
 * The rule that nothing is lost, for one element the codecs have read: its unread attributes and
 * child elements (each placed after its last read sibling), and the unread content of its read
 * children that keep no extras of their own, become {@link Extras}; each kept piece is reported
 * once as a warning, unless a driver reads it ({@link ReadReport#interpreted}).
 */
final class KeptContent {
    private KeptContent() {
    }

    static Extras collect(XmlNode n) {
        Element element = n.element();
        List<OpaqueNode.Attribute> attributes = new ArrayList<>();
        for (Attribute a : element.getAttributes()) {
            if (a.getNamespace() != Namespace.NO_NAMESPACE || !n.attributeRead(a.getName())) {
                attributes.add(Opaque.attribute(a));
                if (!n.report().interpreted(n.path() + "/@" + a.getQualifiedName())) {
                    n.warn(DefinitionWarning.Kind.UNMODELLED_ATTRIBUTE, a.getQualifiedName(),
                            "%s: attribute '%s' is not used by jvirt; it is kept as written", n.name(),
                            a.getQualifiedName());
                }
            }
        }
        List<Extras.Placed> elements = new ArrayList<>();
        String after = "";
        for (Element c : element.getChildren()) {
            if (n.childRead(c)) {
                after = c.getName();
            } else {
                elements.add(new Extras.Placed(after, Opaque.element(c)));
                XmlNode unread = n.unread(c, c.getQualifiedName() + index(element, c));
                if (!n.report().interpreted(unread.path())) {
                    unread.warn(DefinitionWarning.Kind.UNMODELLED_ELEMENT, null,
                            "%s: element <%s> is not used by jvirt; it is kept as written", n.name(),
                            c.getQualifiedName());
                }
            }
        }
        List<Extras.Nested> nested = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (XmlNode child : n.childNodes()) {
            if (child.dropped() || child.element().getNamespace() != Namespace.NO_NAMESPACE) {
                continue;
            }
            Integer before = counts.get(child.name());
            int counted = before == null ? 0 : before;
            counts.put(child.name(), counted + 1);
            int index = child.writtenAt() >= 0 ? child.writtenAt() : counted;
            if (!child.extrasTaken()) {
                Extras inner = child.extras();
                if (!inner.isEmpty()) {
                    nested.add(new Extras.Nested(child.name(), index, inner));
                }
            }
        }
        return attributes.isEmpty() && elements.isEmpty() && nested.isEmpty() ? Extras.NONE
                : new Extras(attributes, elements, nested);
    }

    /** "[i]" when {@code c} has siblings of its name, as XPath numbers them. */
    private static String index(Element parent, Element c) {
        List<Element> same = new ArrayList<>();
        for (Element s : parent.getChildren()) {
            if (s.getName().equals(c.getName()) && s.getNamespace().equals(c.getNamespace())) {
                same.add(s);
            }
        }
        return same.size() < 2 ? "" : "[" + (same.indexOf(c) + 1) + "]";
    }
}
