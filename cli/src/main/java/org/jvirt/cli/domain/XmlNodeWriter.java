package org.jvirt.cli.domain;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Nodes selected by {@code dumpxml --xpath}, written the way virsh writes them: elements
 * indented by two blanks per level (an element holding only text on one line, an empty one
 * closed with {@code />}), attributes in double quotes, an attribute alone as
 * {@code  name="value"}; with {@code --wrap} all of them inside one {@code <nodes>} element.
 */
final class XmlNodeWriter {
    private XmlNodeWriter() {
    }

    /** Each node followed by a new line. */
    static String each(List<Node> nodes) {
        StringBuilder out = new StringBuilder();
        for (Node n : nodes) {
            if (n.getNodeType() == Node.ATTRIBUTE_NODE) {
                out.append(' ').append(attribute((Attr) n));
            } else {
                write(out, n, 0);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code <nodes>} holding the nodes, selected attributes becoming its own. */
    static String wrapped(List<Node> nodes) {
        StringBuilder out = new StringBuilder("<nodes");
        List<Node> children = new ArrayList<>();
        for (Node n : nodes) {
            if (n.getNodeType() == Node.ATTRIBUTE_NODE) {
                out.append(' ').append(attribute((Attr) n));
            } else {
                children.add(n);
            }
        }
        if (children.isEmpty()) {
            return out.append("/>\n").toString();
        }
        out.append(">\n");
        for (Node n : children) {
            write(out, n, 1);
            out.append('\n');
        }
        return out.append("</nodes>\n").toString();
    }

    private static void write(StringBuilder out, Node n, int depth) {
        String indent = "  ".repeat(depth);
        switch (n.getNodeType()) {
            case Node.ELEMENT_NODE -> element(out, n, depth, indent);
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> out.append(indent).append(text(n.getNodeValue()));
            case Node.COMMENT_NODE -> out.append(indent).append("<!--").append(n.getNodeValue()).append("-->");
            default -> out.append(indent).append(text(n.getTextContent()));
        }
    }

    private static void element(StringBuilder out, Node n, int depth, String indent) {
        out.append(indent).append('<').append(n.getNodeName());
        for (String name : XmlQuery.attributeOrder((Element) n)) {
            out.append(' ').append(attribute(((Element) n).getAttributeNode(name)));
        }
        List<Node> children = significant(n);
        if (children.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        boolean textOnly = children.stream().noneMatch(c -> c.getNodeType() == Node.ELEMENT_NODE
                || c.getNodeType() == Node.COMMENT_NODE);
        if (textOnly) {
            children.forEach(c -> out.append(text(c.getNodeValue())));
        } else {
            for (Node c : children) {
                out.append('\n');
                write(out, c, depth + 1);
            }
            out.append('\n').append(indent);
        }
        out.append("</").append(n.getNodeName()).append('>');
    }

    /** Children, without the blank text between elements that only indents them. */
    private static List<Node> significant(Node n) {
        List<Node> out = new ArrayList<>();
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            boolean blank = c.getNodeType() == Node.TEXT_NODE && c.getNodeValue().isBlank();
            if (!blank) {
                out.add(c);
            }
        }
        return out;
    }

    private static String attribute(Attr a) {
        StringBuilder v = new StringBuilder();
        for (char c : a.getValue().toCharArray()) {
            switch (c) {
                case '&' -> v.append("&amp;");
                case '<' -> v.append("&lt;");
                case '"' -> v.append("&quot;");
                case '\n' -> v.append("&#10;");
                case '\r' -> v.append("&#13;");
                case '\t' -> v.append("&#9;");
                default -> v.append(c);
            }
        }
        return a.getName() + "=\"" + v + '"';
    }

    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;");
    }
}
