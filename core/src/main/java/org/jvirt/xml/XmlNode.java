package org.jvirt.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import org.jdom2.Attribute;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.located.Located;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.Extras;
import org.jvirt.model.OpaqueNode;

/**
 * The shared reading helper: one element of the input, its path, and what the codecs have read
 * from it. Whatever was not read becomes {@link Extras}, placed after the known sibling it
 * followed. Every problem becomes a {@link VirtException} that says where (element path, line
 * and column).
 */
final class XmlNode {
    private final Element element;
    private final String path;
    private final Set<String> usedAttributes = new HashSet<>();
    private final Set<Element> usedChildren = Collections.newSetFromMap(new IdentityHashMap<>());

    XmlNode(Element element, String path) {
        this.element = element;
        this.path = path;
    }

    static XmlNode root(Element element) {
        return new XmlNode(element, "/" + element.getName());
    }

    String name() {
        return element.getName();
    }

    String path() {
        return path;
    }

    Element element() {
        return element;
    }

    /** " (at PATH, line L, column C)". */
    String where() {
        if (element instanceof Located located && located.getLine() > 0) {
            return String.format(" (at %s, line %d, column %d)", path, located.getLine(), located.getColumn());
        }
        return " (at " + path + ")";
    }

    VirtException error(ErrorCode code, String format, Object... args) {
        String message = args.length == 0 ? format : String.format(format, args);
        return new VirtException(code, ErrorDomain.DOMAIN_CONF, message + where());
    }

    /** Runs {@code body}; a VirtException it raises (e.g. from CpuSet) gets this element's location. */
    <T> T at(Supplier<T> body) {
        try {
            return body.get();
        } catch (VirtException e) {
            throw new VirtException(e.code(), e.domain(), e.getMessage() + where(), e);
        }
    }

    // ---------------------------------------------------------------- attributes

    Optional<String> attr(String name) {
        usedAttributes.add(name);
        return Optional.ofNullable(element.getAttributeValue(name));
    }

    String requiredAttr(String name, ErrorCode code, String message) {
        return attr(name).orElseThrow(() -> error(code, message));
    }

    String requiredAttr(String name) {
        return requiredAttr(name, ErrorCode.XML_INVALID,
                String.format("%s: attribute '%s' is required", name(), name));
    }

    Optional<Boolean> yesNo(String name) {
        return attr(name).map(v -> switch (v) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw error(ErrorCode.XML_INVALID, "%s: attribute '%s' must be 'yes' or 'no', not '%s'",
                    name(), name, shorten(v));
        });
    }

    OptionalInt intAttr(String name) {
        Optional<String> v = attr(name);
        return v.isEmpty() ? OptionalInt.empty() : OptionalInt.of(parseInt(v.get(), "attribute '" + name + "'"));
    }

    OptionalLong longAttr(String name) {
        Optional<String> v = attr(name);
        return v.isEmpty() ? OptionalLong.empty() : OptionalLong.of(parseLong(v.get(), "attribute '" + name + "'"));
    }

    int parseInt(String text, String what) {
        long v = parseLong(text, what);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(ErrorCode.XML_INVALID, "%s: %s value '%s' is out of range", name(), what, shorten(text));
        }
        return (int) v;
    }

    /** A decimal integer with an optional leading '-', no blanks. */
    long parseLong(String text, String what) {
        boolean ok = !text.isEmpty() && text.length() <= 20;
        for (int i = 0; ok && i < text.length(); i++) {
            char c = text.charAt(i);
            ok = (c >= '0' && c <= '9') || (i == 0 && c == '-' && text.length() > 1);
        }
        if (ok) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        throw error(ErrorCode.XML_INVALID, "%s: %s value '%s' is not an integer", name(), what, shorten(text));
    }

    // ---------------------------------------------------------------- text

    /** The element's text (character data only, not trimmed). */
    String text() {
        return element.getText();
    }

    // ---------------------------------------------------------------- children

    /** The single child called {@code name}; a second one is an error. */
    Optional<XmlNode> child(String name) {
        List<Element> list = element.getChildren(name);
        if (list.size() > 1) {
            throw at(list.get(1), name + "[2]").error(ErrorCode.XML_INVALID, "%s: element <%s> may appear only once",
                    name(), name);
        }
        return list.isEmpty() ? Optional.empty() : Optional.of(use(list.get(0), name, 1, 1));
    }

    /** Gives back a child taken by {@link #children}: it is kept whole as an extra. */
    void release(XmlNode child) {
        usedChildren.remove(child.element);
    }

    /**
     * The single {@code <address type .../>} child when it is a plain leaf with a type; the type
     * and every other attribute are kept.
     */
    Optional<org.jvirt.model.Address> address() {
        List<Element> list = element.getChildren("address");
        if (list.size() != 1 || !list.get(0).getChildren().isEmpty() || list.get(0).getAttribute("type") == null) {
            return Optional.empty();
        }
        Element a = list.get(0);
        List<OpaqueNode.Attribute> rest = new ArrayList<>();
        for (Attribute at : a.getAttributes()) {
            if (at.getNamespace() != Namespace.NO_NAMESPACE) {
                return Optional.empty();
            }
            if (!at.getName().equals("type")) {
                rest.add(Opaque.attribute(at));
            }
        }
        usedChildren.add(a);
        return Optional.of(new org.jvirt.model.Address(a.getAttributeValue("type"), rest));
    }

    /** Every child called {@code name}, in order. */
    List<XmlNode> children(String name) {
        List<Element> list = element.getChildren(name);
        List<XmlNode> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(use(list.get(i), name, i + 1, list.size()));
        }
        return out;
    }

    /**
     * The single child {@code name} if it is a simple leaf: only the given attributes (no
     * namespaced ones), no child elements. A child with anything more is left unread, so it
     * survives whole as an extra.
     */
    Optional<XmlNode> leaf(String name, String... allowed) {
        List<Element> list = element.getChildren(name);
        if (list.size() != 1 || !isLeaf(list.get(0), allowed)) {
            return Optional.empty();
        }
        return Optional.of(use(list.get(0), name, 1, 1));
    }

    /** Every child {@code name} that is a simple leaf (see {@link #leaf}). */
    List<XmlNode> leaves(String name, String... allowed) {
        List<Element> list = element.getChildren(name);
        List<XmlNode> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (isLeaf(list.get(i), allowed)) {
                out.add(use(list.get(i), name, i + 1, list.size()));
            }
        }
        return out;
    }

    /** The text of a leaf child with no attributes. */
    Optional<String> leafText(String name) {
        return leaf(name).map(XmlNode::text);
    }

    static boolean isLeaf(Element e, String... allowed) {
        if (!e.getChildren().isEmpty()) {
            return false;
        }
        for (Attribute a : e.getAttributes()) {
            if (a.getNamespace() != Namespace.NO_NAMESPACE || !List.of(allowed).contains(a.getName())) {
                return false;
            }
        }
        return true;
    }

    /** True when the element has only the given attributes and child elements (no namespaced ones). */
    boolean hasOnly(List<String> attributes, List<String> childNames) {
        for (Attribute a : element.getAttributes()) {
            if (a.getNamespace() != Namespace.NO_NAMESPACE || !attributes.contains(a.getName())) {
                return false;
            }
        }
        for (Element c : element.getChildren()) {
            if (c.getNamespace() != Namespace.NO_NAMESPACE || !childNames.contains(c.getName())) {
                return false;
            }
        }
        return true;
    }

    private XmlNode use(Element child, String name, int index, int count) {
        usedChildren.add(child);
        return at(child, count > 1 ? name + "[" + index + "]" : name);
    }

    private XmlNode at(Element child, String step) {
        return new XmlNode(child, path + "/" + step);
    }

    // ---------------------------------------------------------------- extras

    /** Unread attributes and child elements, each element placed after its last read sibling. */
    Extras extras() {
        List<OpaqueNode.Attribute> attributes = new ArrayList<>();
        for (Attribute a : element.getAttributes()) {
            if (a.getNamespace() != Namespace.NO_NAMESPACE || !usedAttributes.contains(a.getName())) {
                attributes.add(Opaque.attribute(a));
            }
        }
        List<Extras.Placed> elements = new ArrayList<>();
        String after = "";
        for (Element c : element.getChildren()) {
            if (usedChildren.contains(c)) {
                after = c.getName();
            } else {
                elements.add(new Extras.Placed(after, Opaque.element(c)));
            }
        }
        return attributes.isEmpty() && elements.isEmpty() ? Extras.NONE : new Extras(attributes, elements);
    }

    /** For elements the model keeps no extras for: anything unread is an error. */
    void rejectUnknown() {
        Extras extras = extras();
        if (!extras.attributes().isEmpty()) {
            throw error(ErrorCode.XML_INVALID, "%s: attribute '%s' is not supported here", name(),
                    extras.attributes().get(0).name());
        }
        if (!extras.elements().isEmpty()) {
            throw error(ErrorCode.XML_INVALID, "%s: element <%s> is not supported here", name(),
                    extras.elements().get(0).element().name());
        }
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
