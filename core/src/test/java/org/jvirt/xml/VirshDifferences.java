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
            new Difference("disk-defaults",
                    "libvirt derives a disk's bus from its target name, makes a cdrom read-only and gives ide, "
                            + "scsi and fdc drives an address (adding their controller); jvirt keeps the disks as "
                            + "written and the QEMU driver chooses bus and mode when it starts them "
                            + "(docs/domain-xml.md, \"Differences from libvirt 9.0\")",
                    VirshDifferences::diskDefaults),
            new Difference("device-attribute-defaults",
                    "libvirt writes its defaults into a device (input bus, watchdog action, rng backend path, "
                            + "filesystem access mode, loader type, graphics port and listen, video model sizes); "
                            + "jvirt keeps what was given and the drivers apply the defaults when they use the device",
                    VirshDifferences::attributeDefaults),
            new Difference("generated-devices",
                    "libvirt generates a MAC address for each interface and a video device for a display; jvirt "
                            + "adds no devices (the QEMU driver derives a MAC when it starts the domain)",
                    VirshDifferences::generated),
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

    private static boolean diskDefaults(Document input, Document virsh, Document jvirt) {
        boolean changed = false;
        List<Element> given = elements(input.getElementsByTagName("disk"));
        for (Element disk : elements(virsh.getElementsByTagName("disk"))) {
            Element target = children(disk, "target").get(0);
            Element own = given.stream().filter(g -> children(g, "target").get(0).getAttribute("dev")
                    .equals(target.getAttribute("dev"))).findFirst().orElseThrow();
            Element ownTarget = children(own, "target").get(0);
            if (!ownTarget.hasAttribute("bus") && target.hasAttribute("bus")) {
                target.removeAttribute("bus");
                changed = true;
            }
            changed |= removeChildrenNotIn(disk, own, "readonly") | removeChildrenNotIn(disk, own, "address");
        }
        List<String> controllers = elements(input.getElementsByTagName("controller")).stream()
                .map(c -> c.getAttribute("type") + "/" + c.getAttribute("index")).toList();
        changed |= remove(virsh, "controller", c -> !controllers.contains(c.getAttribute("type") + "/"
                + c.getAttribute("index")));
        return changed;
    }

    private static boolean attributeDefaults(Document input, Document virsh, Document jvirt) {
        boolean changed = false;
        changed |= removeAttributesNotIn(input, virsh, "input", "bus");
        changed |= removeAttributesNotIn(input, virsh, "watchdog", "action");
        changed |= removeAttributesNotIn(input, virsh, "filesystem", "accessmode");
        changed |= removeAttributesNotIn(input, virsh, "loader", "type");
        changed |= removeAttributesNotIn(input, virsh, "graphics", "port", "autoport");
        List<Element> givenGraphics = elements(input.getElementsByTagName("graphics"));
        List<Element> graphics = elements(virsh.getElementsByTagName("graphics"));
        for (int i = 0; i < graphics.size() && i < givenGraphics.size(); i++) {
            if (!givenGraphics.get(i).hasAttribute("listen")) {
                changed |= removeChildrenNotIn(graphics.get(i), givenGraphics.get(i), "listen");
            }
        }
        List<Element> givenBackends = elements(input.getElementsByTagName("backend"));
        List<Element> backends = elements(virsh.getElementsByTagName("backend"));
        for (int i = 0; i < backends.size() && i < givenBackends.size(); i++) {
            if (givenBackends.get(i).getTextContent().isEmpty() && !backends.get(i).getTextContent().isEmpty()) {
                backends.get(i).setTextContent("");
                changed = true;
            }
        }
        List<Element> givenVideos = elements(input.getElementsByTagName("video"));
        List<Element> videos = elements(virsh.getElementsByTagName("video"));
        for (int i = 0; i < videos.size() && i < givenVideos.size(); i++) {
            Element model = children(videos.get(i), "model").get(0);
            Element own = children(givenVideos.get(i), "model").get(0);
            for (String a : List.of("vram", "heads", "primary")) {
                if (!own.hasAttribute(a) && model.hasAttribute(a)) {
                    model.removeAttribute(a);
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static boolean generated(Document input, Document virsh, Document jvirt) {
        boolean changed = false;
        List<Element> given = elements(input.getElementsByTagName("interface"));
        List<Element> written = elements(virsh.getElementsByTagName("interface"));
        for (int i = 0; i < written.size() && i < given.size(); i++) {
            changed |= removeChildrenNotIn(written.get(i), given.get(i), "mac");
        }
        if (!hasElement(input, "video")) {
            changed |= remove(virsh, "video", e -> true);
        }
        return changed;
    }

    /** Removes {@code name} from the elements {@code element} of {@code virsh} whose input counterpart lacks it. */
    private static boolean removeAttributesNotIn(Document input, Document virsh, String element, String... names) {
        List<Element> given = elements(input.getElementsByTagName(element));
        List<Element> written = elements(virsh.getElementsByTagName(element));
        boolean changed = false;
        for (int i = 0; i < written.size() && i < given.size(); i++) {
            for (String name : names) {
                if (!given.get(i).hasAttribute(name) && written.get(i).hasAttribute(name)) {
                    written.get(i).removeAttribute(name);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Removes the children {@code name} of {@code written} when {@code given} has none. */
    private static boolean removeChildrenNotIn(Element written, Element given, String name) {
        if (!children(given, name).isEmpty()) {
            return false;
        }
        boolean changed = false;
        for (Element c : children(written, name)) {
            written.removeChild(c);
            changed = true;
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
