package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;

import org.jdom2.Attribute;
import org.jdom2.CDATA;
import org.jdom2.Comment;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jvirt.model.OpaqueNode;

/**
 * Converts between JDOM and the model's {@link OpaqueNode}. Whitespace-only text between child
 * elements is dropped (the formatter indents); other text, comments and namespaces are kept.
 * Recursion is bounded by the parser's depth limit.
 */
final class Opaque {
    private Opaque() {
    }

    static OpaqueNode.Element element(Element e) {
        List<OpaqueNode.Attribute> attributes = new ArrayList<>();
        for (Attribute a : e.getAttributes()) {
            attributes.add(attribute(a));
        }
        boolean hasElements = !e.getChildren().isEmpty();
        List<OpaqueNode> content = new ArrayList<>();
        for (Content c : e.getContent()) {
            if (c instanceof Element child) {
                content.add(element(child));
            } else if (c instanceof Text t) {
                String text = t.getText();
                if (!(hasElements && text.isBlank()) && !(t instanceof CDATA && text.isEmpty())) {
                    content.add(new OpaqueNode.Text(text));
                }
            } else if (c instanceof Comment comment) {
                content.add(new OpaqueNode.Comment(comment.getText()));
            }
        }
        return new OpaqueNode.Element(e.getNamespacePrefix(), e.getNamespaceURI(), e.getName(), attributes, content);
    }

    static OpaqueNode.Attribute attribute(Attribute a) {
        return new OpaqueNode.Attribute(a.getNamespacePrefix(), a.getNamespaceURI(), a.getName(), a.getValue());
    }

    static Element toJdom(OpaqueNode.Element e) {
        Element out = new Element(e.name(), Namespace.getNamespace(e.prefix(), e.namespaceUri()));
        for (OpaqueNode.Attribute a : e.attributes()) {
            out.setAttribute(toJdom(a));
        }
        for (OpaqueNode node : e.content()) {
            if (node instanceof OpaqueNode.Element child) {
                out.addContent(toJdom(child));
            } else if (node instanceof OpaqueNode.Text t) {
                out.addContent(new Text(t.text()));
            } else if (node instanceof OpaqueNode.Comment c) {
                out.addContent(new Comment(c.text()));
            }
        }
        return out;
    }

    static Attribute toJdom(OpaqueNode.Attribute a) {
        return a.namespaceUri().isEmpty() ? new Attribute(a.name(), a.value())
                : new Attribute(a.name(), a.value(), Namespace.getNamespace(a.prefix(), a.namespaceUri()));
    }
}
