package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMFactory;

/**
 * Reads the plain XML that jvirt writes and libvirt's tools print straight into a JDOM tree, with
 * no SAX parser behind it: elements and attributes without namespaces (ASCII names), text,
 * comments, the five predefined entities and character references. Anything else (an XML
 * declaration, a processing instruction, {@code <!DOCTYPE>}, CDATA, a namespace, a name outside
 * ASCII), any error, the depth limit or another root: {@code null}, and {@link SafeXmlParser}'s
 * SAX parser reads the document, which also words every error.
 * <p>
 * Why: the JDK's SAX parser costs 7-10 ms of set-up in a fresh JVM (most commands run in one), and
 * a one-shot command on a running domain reads its definition and status file. What the reader
 * builds is what the SAX parser builds, node for node, with the same lines and columns
 * ({@code PlainXmlReaderTest} checks both ways on random and mutated documents); as the SAX
 * parser, it normalises line ends ({@code \r\n} and {@code \r} to {@code \n}) and, in attribute
 * values, turns tabs and line ends into spaces.
 */
final class PlainXmlReader {
    private final String in;
    private final JDOMFactory factory;
    private final int maxDepth;
    private final StringBuilder text = new StringBuilder();
    private final List<Element> open = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    private boolean loneCarriageReturn;

    private PlainXmlReader(String in, JDOMFactory factory, int maxDepth) {
        this.in = in;
        this.factory = factory;
        this.maxDepth = maxDepth;
    }

    /**
     * The tree of {@code xml}, whose root must be {@code expectedRoot} (no namespace) within
     * {@code maxDepth} levels; {@code null} when the document is outside this reader's XML or not
     * right (the SAX parser then reads it).
     */
    static Document read(String xml, String expectedRoot, int maxDepth, JDOMFactory factory) {
        return new PlainXmlReader(xml, factory, maxDepth).document(expectedRoot);
    }

    private Document document(String expectedRoot) {
        Document doc = factory.document(null);
        if (!misc(doc) || !at('<')) {
            return null;
        }
        Element root = elements(expectedRoot);
        if (root == null) {
            return null;
        }
        factory.setRoot(doc, root);
        return misc(doc) && pos == in.length() && !loneCarriageReturn ? doc : null;
    }

    /** White space and comments around the root element; false at anything else but a tag. */
    private boolean misc(Document doc) {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '<') {
                if (!in.startsWith("<!--", pos)) {
                    return true;
                }
                String comment = comment();
                if (comment == null) {
                    return false;
                }
                if (!comment.isEmpty()) {    // JDOM keeps no empty comment
                    factory.addContent(doc, factory.comment(line, column(), comment));
                }
            } else if (XmlChars.isSpace(c)) {
                advance();
            } else {
                return false;
            }
        }
        return true;
    }

    /** The root element and everything in it, from its start tag to its end tag. */
    private Element elements(String expectedRoot) {
        Element root = null;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '<') {
                if (in.startsWith("</", pos)) {
                    Element closed = endTag();
                    if (closed == null) {
                        return null;
                    }
                    if (open.isEmpty()) {
                        return closed;
                    }
                } else if (in.startsWith("<!--", pos)) {
                    String comment = comment();
                    if (comment == null) {
                        return null;
                    }
                    flushText();
                    if (!comment.isEmpty()) {
                        factory.addContent(current(), factory.comment(line, column(), comment));
                    }
                } else {
                    Element e = startTag(root == null ? expectedRoot : null);
                    if (e == null) {
                        return null;
                    }
                    if (root == null) {
                        root = e;
                    }
                    if (open.isEmpty()) {
                        return e;    // an empty root element
                    }
                }
            } else if (c == '&') {
                if (!reference(text)) {
                    return null;
                }
            } else if (!charData()) {
                return null;
            }
        }
        return null;
    }

    private Element current() {
        return open.get(open.size() - 1);
    }

    /** A start tag (or an empty element's tag); the element is added to its parent. */
    private Element startTag(String expectedRoot) {
        pos++;
        String name = name();
        if (name == null || (expectedRoot != null && !expectedRoot.equals(name))
                || open.size() + 1 > maxDepth) {
            return null;
        }
        List<String[]> attributes = new ArrayList<>();
        while (true) {
            boolean spaced = skipSpace();
            if (pos >= in.length()) {
                return null;
            }
            char c = in.charAt(pos);
            if (c == '>' || (c == '/' && in.startsWith("/>", pos))) {
                pos += c == '>' ? 1 : 2;
                flushText();
                Element e = factory.element(line, column(), name);
                for (String[] a : attributes) {
                    factory.setAttribute(e, factory.attribute(a[0], a[1], org.jdom2.AttributeType.CDATA));
                }
                if (!open.isEmpty()) {
                    factory.addContent(current(), e);
                }
                if (c == '>') {
                    open.add(e);
                }
                return e;
            }
            if (!spaced) {
                return null;
            }
            String[] a = attribute(attributes);
            if (a == null) {
                return null;
            }
            attributes.add(a);
        }
    }

    /** {@code name S? = S? value}; null when malformed, a namespace declaration or a repeat. */
    private String[] attribute(List<String[]> seen) {
        String name = name();
        if (name == null || name.equals("xmlns")) {
            return null;
        }
        for (String[] a : seen) {
            if (a[0].equals(name)) {
                return null;
            }
        }
        skipSpace();
        if (!at('=')) {
            return null;
        }
        pos++;
        skipSpace();
        if (!at('"') && !at('\'')) {
            return null;
        }
        char quote = in.charAt(pos++);
        StringBuilder value = new StringBuilder();
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == quote) {
                pos++;
                return new String[] {name, value.toString()};
            }
            if (c == '<') {
                return null;
            }
            if (c == '&') {
                if (!reference(value)) {
                    return null;
                }
            } else if (c == '\t' || c == '\n' || c == '\r') {
                advance();
                value.append(' ');
            } else if (!xmlChar(value)) {
                return null;
            }
        }
        return null;
    }

    /** An end tag, which must close the open element; returns that element. */
    private Element endTag() {
        pos += 2;
        String name = name();
        if (name == null || open.isEmpty() || !current().getName().equals(name)) {
            return null;
        }
        skipSpace();
        if (!at('>')) {
            return null;
        }
        pos++;
        flushText();
        return open.remove(open.size() - 1);
    }

    /** {@code <!-- ... -->} at pos: its text (line ends normalised), or null when malformed. */
    private String comment() {
        pos += 4;
        StringBuilder body = new StringBuilder();
        while (pos < in.length()) {
            if (in.startsWith("--", pos)) {
                if (!in.startsWith("-->", pos)) {
                    return null;
                }
                pos += 3;
                return body.toString();
            }
            if (!xmlChar(body)) {
                return null;
            }
        }
        return null;
    }

    /** Characters up to the next markup or reference, into the text buffer. */
    private boolean charData() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '<' || c == '&') {
                return true;
            }
            if (c == '>' && pos >= 2 && in.startsWith("]]", pos - 2)) {
                return false;    // "]]>" may not stand in text
            }
            if (!xmlChar(text)) {
                return false;
            }
        }
        return true;
    }

    private void flushText() {
        if (text.length() > 0) {
            factory.addContent(current(), factory.text(line, column(), text.toString()));
            text.setLength(0);
        }
    }

    /**
     * A reference at pos ({@code &lt;}, {@code &#10;}, {@code &#x2F;}, ...) appended to
     * {@code to}; false for any other entity or a character XML does not allow.
     */
    private boolean reference(StringBuilder to) {
        int end = in.indexOf(';', pos);
        if (end < 0 || end - pos > 12) {
            return false;
        }
        String ref = in.substring(pos + 1, end);
        int cp;
        switch (ref) {
            case "lt" -> cp = '<';
            case "gt" -> cp = '>';
            case "amp" -> cp = '&';
            case "apos" -> cp = '\'';
            case "quot" -> cp = '"';
            default -> cp = XmlChars.charRef(ref);
        }
        if (cp < 0) {
            return false;
        }
        to.appendCodePoint(cp);
        pos = end + 1;
        return true;
    }

    /** An ASCII name without a colon at pos; null when there is none or it goes further. */
    private String name() {
        int start = pos;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            boolean first = pos == start;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                    || (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'))) {
                pos++;
            } else {
                break;
            }
        }
        boolean more = pos < in.length() && (in.charAt(pos) > 0x7f || in.charAt(pos) == ':');
        return pos == start || more ? null : in.substring(start, pos);
    }

    /**
     * Appends the character (or surrogate pair) at pos to {@code to}, line ends normalised; false
     * for a character XML does not allow.
     */
    private boolean xmlChar(StringBuilder to) {
        char c = in.charAt(pos);
        if (c == '\r' || c == '\n') {
            advance();
            to.append('\n');
            return true;
        }
        if (Character.isHighSurrogate(c) && pos + 1 < in.length() && Character.isLowSurrogate(in.charAt(pos + 1))) {
            to.append(c).append(in.charAt(pos + 1));
            pos += 2;
            return true;
        }
        if (!XmlChars.isXmlChar(c)) {
            return false;
        }
        to.append(c);
        pos++;
        return true;
    }

    /** Skips white space; whether there was any. */
    private boolean skipSpace() {
        int start = pos;
        while (pos < in.length() && XmlChars.isSpace(in.charAt(pos))) {
            advance();
        }
        return pos > start;
    }

    /**
     * Moves past the character at pos, counting lines ({@code \r\n} is one line end). A lone
     * {@code \r} marks the document as the SAX parser's: it counts the columns after it one short.
     */
    private void advance() {
        char c = in.charAt(pos++);
        if (c == '\r') {
            if (pos < in.length() && in.charAt(pos) == '\n') {
                pos++;
            } else {
                loneCarriageReturn = true;
            }
        }
        if (c == '\r' || c == '\n') {
            line++;
            lineStart = pos;
        }
    }

    private boolean at(char c) {
        return pos < in.length() && in.charAt(pos) == c;
    }

    private int column() {
        return pos - lineStart + 1;
    }
}
