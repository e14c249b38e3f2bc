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

    /*
     * Each element shares its parent's scope of declared prefixes until it declares one of its
     * own, and text needing no escape is appended as it is: a one-shot command writes a status
     * file in an interpreted JVM, where every copy and character counts.
     */
    private static void write(Element e, int depth, boolean inline, StringBuilder out, Map<String, String> parentScope,
                              Map<String, String> rootDeclarations) {
        Map<String, String> scope = parentScope;
        String indent = inline ? "" : "  ".repeat(depth);
        out.append(indent).append('<').append(e.getQualifiedName());
        if (depth == 0) {
            // virsh writes the root's namespace declarations after its attributes
            appendAttributes(e, out);
            for (Map.Entry<String, String> d : rootDeclarations.entrySet()) {
                scope = declare(d.getKey(), d.getValue(), scope, parentScope, out);
            }
        }
        scope = declareIfNeeded(e.getNamespace(), scope, parentScope, out);
        for (Attribute a : e.getAttributes()) {
            scope = declareIfNeeded(a.getNamespace(), scope, parentScope, out);
        }
        if (depth != 0) {
            appendAttributes(e, out);
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
                escape(t.getText(), false, out);
            }
        }
        if (block) {
            out.append('\n').append(indent);
        }
        out.append("</").append(e.getQualifiedName()).append('>');
    }

    private static void appendAttributes(Element e, StringBuilder out) {
        for (Attribute a : e.getAttributes()) {
            out.append(' ').append(a.getQualifiedName()).append("='");
            escape(a.getValue(), true, out);
            out.append('\'');
        }
    }

    /** The scope after {@code ns} is declared where {@code scope} does not have it yet. */
    private static Map<String, String> declareIfNeeded(Namespace ns, Map<String, String> scope,
                                                       Map<String, String> parentScope, StringBuilder out) {
        if (!ns.getURI().equals(scope.get(ns.getPrefix())) && !(ns.getPrefix().isEmpty() && ns.getURI().isEmpty()
                && !scope.containsKey(""))) {
            return declare(ns.getPrefix(), ns.getURI(), scope, parentScope, out);
        }
        return scope;
    }

    /** Declares {@code prefix}; the element's own scope, copied from its parent's at its first declaration. */
    private static Map<String, String> declare(String prefix, String uri, Map<String, String> scope,
                                               Map<String, String> parentScope, StringBuilder out) {
        out.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("='");
        escape(uri, true, out);
        out.append('\'');
        Map<String, String> own = scope == parentScope ? new LinkedHashMap<>(parentScope) : scope;
        own.put(prefix, uri);
        return own;
    }

    private static void escape(String s, boolean attribute, StringBuilder out) {
        int plain = 0;
        while (plain < s.length() && !isEscaped(s.charAt(plain), attribute)) {
            plain++;
        }
        if (plain == s.length()) {
            out.append(s);
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }

    private static boolean isEscaped(char c, boolean attribute) {
        return c == '&' || c == '<' || c == '>' || c == '\'' || c == '"' || c == '\r'
                || attribute && (c == '\n' || c == '\t');
    }
}
