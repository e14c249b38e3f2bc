package org.jvirt.xml;

import java.math.BigInteger;
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
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.Extras;
import org.jvirt.model.IntegerText;
import org.jvirt.model.OpaqueNode;

/**
 * The shared reading helper: one element of the input, its path, and what the codecs have read
 * from it. Whatever was not read is kept: unread attributes and child elements become
 * {@link Extras} of this element, and the unread content of a child the codecs read but keep no
 * extras for is nested into this element's extras ({@link Extras.Nested}). Each kept piece is
 * reported once as a {@link DefinitionWarning}. Every problem becomes a {@link VirtException}
 * that says where (element path, line and column).
 */
final class XmlNode {
    private final Element element;
    private final String path;
    private final ReadReport report;
    private final Set<String> usedAttributes = new HashSet<>();
    private final Set<Element> usedChildren = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<XmlNode> childNodes = new ArrayList<>();
    private boolean extrasTaken;
    private boolean dropped;
    private int writtenAt = -1;

    private XmlNode(Element element, String path, ReadReport report) {
        this.element = element;
        this.path = path;
        this.report = report;
    }

    static XmlNode root(Element element, ReadReport report) {
        return new XmlNode(element, "/" + element.getQualifiedName(), report);
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

    ReadReport report() {
        return report;
    }

    int line() {
        return element instanceof Located located ? located.getLine() : 0;
    }

    int column() {
        return element instanceof Located located ? located.getColumn() : 0;
    }

    /** " (at PATH, line L, column C)". */
    String where() {
        return where(path);
    }

    private String where(String at) {
        if (line() > 0) {
            return String.format(" (at %s, line %d, column %d)", at, line(), column());
        }
        return " (at " + at + ")";
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

    /** A warning about this element (or, with {@code attribute}, one of its attributes). */
    void warn(DefinitionWarning.Kind kind, String attribute, String format, Object... args) {
        String at = attribute == null ? path : path + "/@" + attribute;
        report.add(new DefinitionWarning(kind, at, String.format(format, args) + where(at)), line(), column());
    }

    // ---------------------------------------------------------------- attributes

    Optional<String> attr(String name) {
        usedAttributes.add(name);
        return Optional.ofNullable(element.getAttributeValue(name));
    }

    // plain code, not orElseThrow with a lambda, here and in requiredChild: every domain read
    // runs them, and on JDK 17 each lambda links its call site at run time (docs/benchmarks.md)
    String requiredAttr(String name, ErrorCode code, String message) {
        Optional<String> value = attr(name);
        if (value.isEmpty()) {
            throw error(code, message);
        }
        return value.get();
    }

    String requiredAttr(String name) {
        return requiredAttr(name, ErrorCode.XML_INVALID,
                String.format("%s: attribute '%s' is required", name(), name));
    }

    Optional<Boolean> yesNo(String name) {
        Optional<String> v = attr(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (v.get()) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw error(ErrorCode.XML_INVALID, "%s: attribute '%s' must be 'yes' or 'no', not '%s'",
                    name(), name, shorten(v.get()));
        });
    }

    /** An {@code on}/{@code off} attribute. */
    Optional<Boolean> onOff(String name) {
        Optional<String> v = attr(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (v.get()) {
            case "on" -> true;
            case "off" -> false;
            default -> throw error(ErrorCode.XML_INVALID, "%s: attribute '%s' must be 'on' or 'off', not '%s'",
                    name(), name, shorten(v.get()));
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

    /** A non-negative int attribute ({@link #unsignedInt}). */
    OptionalInt unsignedAttr(String name) {
        Optional<String> v = attr(name);
        return v.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(unsignedInt(v.get(), "attribute '" + name + "'", Integer.MAX_VALUE));
    }

    int parseInt(String text, String what) {
        long v = parseLong(text, what);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(ErrorCode.XML_INVALID, "%s: %s value '%s' is out of range", name(), what, shorten(text));
        }
        return (int) v;
    }

    /** An integer as libvirt reads it ({@link IntegerText}): blanks first and a sign are fine. */
    long parseLong(String text, String what) {
        BigInteger v = IntegerText.parse(text);
        if (v == null) {
            throw error(ErrorCode.XML_INVALID, "%s: %s value '%s' is not an integer", name(), what, shorten(text));
        }
        if (v.bitLength() > 63) {
            throw error(ErrorCode.XML_INVALID, "%s: %s value '%s' is out of range", name(), what, shorten(text));
        }
        return v.longValue();
    }

    /**
     * A non-negative integer as libvirt reads it (blanks first and {@code +} are fine, {@code -}
     * is not) that is at most {@code max}.
     */
    int unsignedInt(String text, String what, int max) {
        BigInteger v = IntegerText.parseUnsigned(text);
        if (v == null) {
            throw error(ErrorCode.XML_INVALID, "%s: %s '%s' is not a non-negative integer", name(), what,
                    shorten(text));
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(ErrorCode.XML_INVALID, "%s: %s %s is above the limit %d", name(), what, shorten(text), max);
        }
        return v.intValue();
    }

    // ---------------------------------------------------------------- text

    /** The element's text (character data only, not trimmed). */
    String text() {
        return element.getText();
    }

    // ---------------------------------------------------------------- children

    /** The child {@code name}; without one, an XML_INVALID error that says {@code message}. */
    XmlNode requiredChild(String name, String message) {
        Optional<XmlNode> child = child(name);
        if (child.isEmpty()) {
            throw error(ErrorCode.XML_INVALID, message);
        }
        return child.get();
    }

    /**
     * The first child called {@code name}. As in libvirt, further ones are ignored: they are
     * dropped, each with a warning.
     */
    Optional<XmlNode> child(String name) {
        List<Element> list = element.getChildren(name);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 1; i < list.size(); i++) {
            XmlNode extra = use(list.get(i), name, i + 1, list.size());
            extra.drop();
            extra.warn(DefinitionWarning.Kind.DUPLICATE_DROPPED, null,
                    "%s: element <%s> is given more than once; only the first one is used, this one is dropped",
                    name(), name);
        }
        return Optional.of(use(list.get(0), name, 1, list.size()));
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
     * The first child {@code name} when it has attribute {@code key}: the model keeps that child
     * only through the value. One without it is left unread, so it is kept whole as an extra.
     */
    Optional<XmlNode> childWith(String name, String key) {
        Element first = element.getChild(name);
        return first == null || first.getAttribute(key) == null ? Optional.empty() : child(name);
    }

    /** The text of the first child {@code name}; its attributes and children are kept. */
    Optional<String> childText(String name) {
        Optional<XmlNode> child = child(name);
        return child.isEmpty() ? Optional.empty() : Optional.of(child.get().text());
    }

    /**
     * The single {@code <address type .../>} child when it is a plain leaf with a type; the type
     * and every other attribute are kept. Anything richer stays whole as an extra.
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
        use(a, "address", 1, 1).extrasTaken = true;
        return Optional.of(new org.jvirt.model.Address(a.getAttributeValue("type"), rest));
    }

    /**
     * This element is read but not written back (a duplicate, a setting without effect), or its
     * codec keeps it whole: nothing more of it is kept.
     */
    void drop() {
        dropped = true;
    }

    /**
     * The formatter writes this element as the {@code index}-th (from 0) of its name, which is not
     * its place in the input (the codec sorts it), so its kept content goes there.
     */
    void writtenAt(int index) {
        writtenAt = index;
    }

    private XmlNode use(Element child, String name, int index, int count) {
        usedChildren.add(child);
        String step = child.getQualifiedName() + (count > 1 ? "[" + index + "]" : "");
        XmlNode node = new XmlNode(child, path + "/" + step, report);
        childNodes.add(node);
        return node;
    }

    // ---------------------------------------------------------------- extras

    /**
     * What the codecs did not read, kept: see {@link KeptContent}. Taken once, by the codec that
     * keeps it in its model record (or, for a child without one, by its parent).
     */
    Extras extras() {
        if (extrasTaken) {
            throw new IllegalStateException("extras of " + path + " taken twice");
        }
        extrasTaken = true;
        return KeptContent.collect(this);
    }

    boolean attributeRead(String name) {
        return usedAttributes.contains(name);
    }

    boolean childRead(Element child) {
        return usedChildren.contains(child);
    }

    List<XmlNode> childNodes() {
        return childNodes;
    }

    boolean dropped() {
        return dropped;
    }

    boolean extrasTaken() {
        return extrasTaken;
    }

    int writtenAt() {
        return writtenAt;
    }

    /** A node for an unread child, to report it. */
    XmlNode unread(Element child, String step) {
        return new XmlNode(child, path + "/" + step, report);
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
