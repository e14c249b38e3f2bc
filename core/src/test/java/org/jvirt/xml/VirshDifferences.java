package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Where jvirt writes a definition differently from libvirt's test driver on purpose, each with
 * its reason. {@link #normalize} takes the difference out of the two documents before they are
 * compared, and says which differences a document needed.
 */
final class VirshDifferences {
    /** One accepted difference. */
    private record Difference(String name, String reason, Rule rule) {
    }

    @FunctionalInterface
    private interface Rule {
        /** Removes the difference from {@code virsh} or {@code jvirt}; true when there was one. */
        boolean apply(Document input, Document virsh, Document jvirt);
    }

    private static final List<Difference> ALL = List.of(
            new Difference("implicit-console",
                    "libvirt's parser copies the first <serial> of a domain into a <console> when none is given; "
                            + "jvirt adds no device on its own (docs/domain-xml.md, \"Nothing is lost\")",
                    (input, virsh, jvirt) -> !hasElement(input, "console") && remove(virsh, "console", e -> true)),
            new Difference("test-driver-interface-names",
                    "libvirt's test driver names each interface testnetN when it is defined (a real driver names "
                            + "them when the domain starts); jvirt keeps the interface as written",
                    VirshDifferences::interfaceNames),
            new Difference("made-up-content",
                    "attributes and elements nobody knows (named x-* in the corpus): libvirt drops them without a "
                            + "word, jvirt keeps them and warns (docs/domain-xml.md, \"Nothing is lost\")",
                    (input, virsh, jvirt) -> removeMadeUp(jvirt.getDocumentElement())));

    static final List<String> NAMES = ALL.stream().map(Difference::name).toList();

    private VirshDifferences() {
    }

    /** Applies every difference; returns the names of those that were present. */
    static List<String> normalize(Document input, Document virsh, Document jvirt) {
        List<String> applied = new ArrayList<>();
        for (Difference d : ALL) {
            if (d.rule().apply(input, virsh, jvirt)) {
                applied.add(d.name());
            }
        }
        return applied;
    }

    private static boolean hasElement(Document doc, String name) {
        return doc.getElementsByTagName(name).getLength() > 0;
    }

    private static boolean remove(Document doc, String name, Predicate<Element> which) {
        boolean removed = false;
        for (Element e : elements(doc.getElementsByTagName(name))) {
            if (which.test(e)) {
                e.getParentNode().removeChild(e);
                removed = true;
            }
        }
        return removed;
    }

    private static boolean interfaceNames(Document input, Document virsh, Document jvirt) {
        List<Element> given = elements(input.getElementsByTagName("interface"));
        List<Element> written = elements(virsh.getElementsByTagName("interface"));
        boolean changed = false;
        for (int i = 0; i < written.size(); i++) {
            for (Element target : children(written.get(i), "target")) {
                if (!target.getAttribute("dev").matches("testnet\\d+")) {
                    continue;
                }
                List<Element> own = i < given.size() ? children(given.get(i), "target") : List.of();
                if (own.isEmpty()) {
                    written.get(i).removeChild(target);
                } else {
                    target.setAttribute("dev", own.get(0).getAttribute("dev"));
                }
                changed = true;
            }
        }
        return changed;
    }

    private static boolean removeMadeUp(Element e) {
        boolean changed = false;
        NamedNodeMap attributes = e.getAttributes();
        List<Attr> madeUp = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (a.getName().startsWith("x-")) {
                madeUp.add(a);
            }
        }
        for (Attr a : madeUp) {
            e.removeAttributeNode(a);
            changed = true;
        }
        for (Element c : children(e, null)) {
            if (c.getTagName().startsWith("x-")) {
                e.removeChild(c);
                changed = true;
            } else {
                changed |= removeMadeUp(c);
            }
        }
        return changed;
    }

    private static List<Element> elements(NodeList list) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** The child elements of {@code e} called {@code name} (any name when null). */
    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element el && (name == null || el.getTagName().equals(name))) {
                out.add(el);
            }
        }
        return out;
    }
}
