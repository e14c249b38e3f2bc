package org.jvirt.xml;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jdom2.Attribute;
import org.jdom2.Comment;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;

/**
 * Writes a tree the way {@code virsh dumpxml} does: no XML declaration, two-space indent,
 * single-quoted attributes, {@code <empty/>} elements, text-only elements on one line. Every
 * prefixed namespace is declared once on the root. Mixed content is written inline, unchanged.
 */
final class XmlPrinter {
    private XmlPrinter() {
    }

    static String print(Element root) {
        Map<String, String> declared = new LinkedHashMap<>();
        collectPrefixes(root, declared, true);
        StringBuilder out = new StringBuilder();
        Map<String, String> scope = new LinkedHashMap<>();
        scope.put("", "");
        scope.put("xml", Namespace.XML_NAMESPACE.getURI());
        write(root, 0, false, out, scope, declared);
        out.append('\n');
        return out.toString();
    }

    private static void collectPrefixes(Element e, Map<String, String> declared, boolean root) {
        add(e.getNamespace(), declared);
        for (Attribute a : e.getAttributes()) {
            add(a.getNamespace(), declared);
        }
        for (Element c : e.getChildren()) {
            // libvirt declares metadata namespaces on the metadata's own children
            if (!(root && c.getName().equals("metadata") && c.getNamespace() == Namespace.NO_NAMESPACE)) {
                collectPrefixes(c, declared, false);
            }
        }
    }

    private static void add(Namespace ns, Map<String, String> declared) {
        if (!ns.getPrefix().isEmpty() && !ns.getPrefix().equals("xml")) {
            declared.putIfAbsent(ns.getPrefix(), ns.getURI());
        }
    }

    private static void write(Element e, int depth, boolean inline, StringBuilder out, Map<String, String> parentScope,
                              Map<String, String> rootDeclarations) {
        Map<String, String> scope = new LinkedHashMap<>(parentScope);
        String indent = inline ? "" : "  ".repeat(depth);
        out.append(indent).append('<').append(e.getQualifiedName());
        StringBuilder attributes = new StringBuilder();
        for (Attribute a : e.getAttributes()) {
            attributes.append(' ').append(a.getQualifiedName()).append("='").append(escape(a.getValue(), true))
                    .append('\'');
        }
        if (depth == 0) {
            // virsh writes the root's namespace declarations after its attributes
            out.append(attributes);
            for (Map.Entry<String, String> d : rootDeclarations.entrySet()) {
                declare(d.getKey(), d.getValue(), scope, out);
            }
        }
        declareIfNeeded(e.getNamespace(), scope, out);
        for (Attribute a : e.getAttributes()) {
            declareIfNeeded(a.getNamespace(), scope, out);
        }
        if (depth != 0) {
            out.append(attributes);
        }
        boolean hasElements = !e.getChildren().isEmpty();
        boolean hasText = false;
        boolean hasComments = false;
        for (Content c : e.getContent()) {
            if (c instanceof Text t && !(hasElements && t.getText().isBlank())) {
                hasText |= !t.getText().isEmpty();
            } else if (c instanceof Comment) {
                hasComments = true;
            }
        }
        boolean keepOpen = depth == 1 && e.getName().equals("devices") && e.getNamespace() == Namespace.NO_NAMESPACE;
        if (!hasElements && !hasText && !hasComments) {
            out.append(keepOpen && !inline ? ">\n" + indent + "</devices>" : "/>");
            return;
        }
        out.append('>');
        boolean block = !inline && !hasText;
        for (Content c : e.getContent()) {
            if (c instanceof Element child) {
                if (block) {
                    out.append('\n');
                }
                write(child, depth + 1, !block, out, scope, rootDeclarations);
            } else if (c instanceof Comment comment) {
                if (block) {
                    out.append('\n').append("  ".repeat(depth + 1));
                }
                out.append("<!--").append(comment.getText()).append("-->");
            } else if (c instanceof Text t && !(block && t.getText().isBlank())) {
                out.append(escape(t.getText(), false));
            }
        }
        if (block) {
            out.append('\n').append(indent);
        }
        out.append("</").append(e.getQualifiedName()).append('>');
    }

    private static void declareIfNeeded(Namespace ns, Map<String, String> scope, StringBuilder out) {
        if (!ns.getURI().equals(scope.get(ns.getPrefix())) && !(ns.getPrefix().isEmpty() && ns.getURI().isEmpty()
                && !scope.containsKey(""))) {
            declare(ns.getPrefix(), ns.getURI(), scope, out);
        }
    }

    private static void declare(String prefix, String uri, Map<String, String> scope, StringBuilder out) {
        out.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("='").append(escape(uri, true))
                .append('\'');
        scope.put(prefix, uri);
    }

    static String escape(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
