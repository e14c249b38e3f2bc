package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.jdom2.Element;
import org.jvirt.model.Extras;
import org.jvirt.model.OpaqueNode;

/**
 * The shared writing helper: builds one output element, known attributes first, then the
 * unknown ones; known children in the order the codec adds them, with each unknown child
 * put back after the known sibling it followed.
 */
final class Out {
    private final Element element;
    private final List<String> order;
    private final List<Element> known = new ArrayList<>();

    /**
     * {@code order}: the child names in output order. An extra whose name is listed goes to its
     * rank (so libvirt elements the model keeps opaque land where libvirt writes them); any other
     * extra goes after the known sibling it followed (or, if that is gone, after its rank).
     */
    Out(String name, List<String> order) {
        this.element = new Element(name);
        this.order = order;
    }

    Out(String name) {
        this(name, List.of());
    }

    Out attr(String name, String value) {
        element.setAttribute(name, value);
        return this;
    }

    Out attr(String name, Optional<String> value) {
        value.ifPresent(v -> element.setAttribute(name, v));
        return this;
    }

    Out attr(String name, OptionalInt value) {
        value.ifPresent(v -> element.setAttribute(name, Integer.toString(v)));
        return this;
    }

    Out attr(String name, OptionalLong value) {
        value.ifPresent(v -> element.setAttribute(name, Long.toString(v)));
        return this;
    }

    Out yesNo(String name, Optional<Boolean> value) {
        value.ifPresent(v -> element.setAttribute(name, v ? "yes" : "no"));
        return this;
    }

    Out text(String text) {
        element.setText(text);
        return this;
    }

    Out child(Element child) {
        known.add(child);
        return this;
    }

    Out child(Optional<Element> child) {
        child.ifPresent(known::add);
        return this;
    }

    Out children(List<Element> children) {
        known.addAll(children);
        return this;
    }

    /** {@code <name>text</name>} when present. */
    Out textChild(String name, Optional<String> text) {
        text.ifPresent(t -> known.add(new Element(name).setText(t)));
        return this;
    }

    /** {@code <name/>} when {@code flag}. */
    Out flag(String name, boolean flag) {
        if (flag) {
            known.add(new Element(name));
        }
        return this;
    }

    Element build() {
        return build(Extras.NONE);
    }

    Element build(Extras extras) {
        applyNested(known, extras.nested());
        for (OpaqueNode.Attribute a : extras.attributes()) {
            element.setAttribute(Opaque.toJdom(a));
        }
        List<List<Element>> before = new ArrayList<>();
        for (int i = 0; i <= known.size(); i++) {
            before.add(new ArrayList<>());
        }
        List<List<Integer>> keys = new ArrayList<>();
        for (int i = 0; i <= known.size(); i++) {
            keys.add(new ArrayList<>());
        }
        int key = -1;
        String run = null;
        for (Extras.Placed p : extras.elements()) {
            OpaqueNode.Element e = p.element();
            boolean ranked = e.namespaceUri().isEmpty() && order.contains(e.name());
            int at = ranked ? byRank(order.indexOf(e.name())) : position(p.after());
            // among themselves, extras go by rank; an unranked one stays right after the extra it
            // followed, or after the known element it followed
            if (ranked) {
                key = order.indexOf(e.name());
            } else if (!p.after().equals(run)) {
                key = order.indexOf(p.after());
            }
            run = p.after();
            before.get(at).add(Opaque.toJdom(e));
            keys.get(at).add(key);
        }
        for (int i = 0; i <= known.size(); i++) {
            List<Element> bucket = before.get(i);
            List<Integer> bucketKeys = keys.get(i);
            Integer[] index = new Integer[bucket.size()];
            for (int k = 0; k < index.length; k++) {
                index[k] = k;
            }
            java.util.Arrays.sort(index, (a, b) -> Integer.compare(bucketKeys.get(a), bucketKeys.get(b)));
            for (int k : index) {
                element.addContent(bucket.get(k));
            }
            if (i < known.size()) {
                element.addContent(known.get(i));
            }
        }
        return element;
    }

    /**
     * Puts {@code extras} into {@code target}, an element built without them: nested ones into
     * its children, attributes after its own, each element after the child it followed.
     */
    static void apply(Element target, Extras extras) {
        applyNested(new ArrayList<>(target.getChildren()), extras.nested());
        for (OpaqueNode.Attribute a : extras.attributes()) {
            target.setAttribute(Opaque.toJdom(a));
        }
        List<Element> children = new ArrayList<>(target.getChildren());
        List<List<Element>> after = new ArrayList<>();
        for (int i = 0; i <= children.size(); i++) {
            after.add(new ArrayList<>());
        }
        for (Extras.Placed p : extras.elements()) {
            int at = p.after().isEmpty() ? 0 : children.size();
            for (int i = children.size() - 1; i >= 0 && !p.after().isEmpty(); i--) {
                if (children.get(i).getName().equals(p.after())) {
                    at = i + 1;
                    break;
                }
            }
            after.get(at).add(Opaque.toJdom(p.element()));
        }
        for (int i = children.size(); i >= 0; i--) {
            if (!after.get(i).isEmpty()) {
                int index = i == children.size() ? target.getContentSize() : target.indexOf(children.get(i));
                target.addContent(index, after.get(i));
            }
        }
    }

    /** The nested extras of the known children, matched by name and rank among their namesakes. */
    private static void applyNested(List<Element> knownChildren, List<Extras.Nested> nested) {
        for (Extras.Nested n : nested) {
            int seen = 0;
            for (Element c : knownChildren) {
                if (c.getName().equals(n.name()) && c.getNamespace() == org.jdom2.Namespace.NO_NAMESPACE
                        && seen++ == n.index()) {
                    apply(c, n.extras());
                    break;
                }
            }
        }
    }

    /** Index in {@code known} before which an extra that followed {@code after} goes. */
    private int position(String after) {
        if (after.isEmpty()) {
            return 0;
        }
        for (int i = known.size() - 1; i >= 0; i--) {
            if (known.get(i).getName().equals(after)) {
                return i + 1;
            }
        }
        int rank = order.indexOf(after);
        return rank < 0 ? known.size() : byRank(rank);
    }

    /** After the last known child ranked at or before {@code rank}. */
    private int byRank(int rank) {
        for (int i = known.size() - 1; i >= 0; i--) {
            int r = order.indexOf(known.get(i).getName());
            if (r >= 0 && r <= rank) {
                return i + 1;
            }
        }
        return 0;
    }
}
