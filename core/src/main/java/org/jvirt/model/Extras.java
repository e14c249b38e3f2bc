package org.jvirt.model;

import java.util.List;
import java.util.Objects;

/**
 * What an element carried that the model does not know: unknown attributes, and unknown child
 * elements each with the name of the known sibling it followed ({@code ""} = it came first),
 * so the formatter writes it back in its place.
 */
public record Extras(List<OpaqueNode.Attribute> attributes, List<Placed> elements) {
    public static final Extras NONE = new Extras(List.of(), List.of());

    public Extras {
        attributes = List.copyOf(attributes);
        elements = List.copyOf(elements);
    }

    public boolean isEmpty() {
        return attributes.isEmpty() && elements.isEmpty();
    }

    /** The unknown child elements named {@code name} (no namespace), in document order. */
    public List<OpaqueNode.Element> elements(String name) {
        return elements.stream().map(Placed::element).filter(e -> e.is(name)).toList();
    }

    /** An unknown child element and the local name of the known element it followed. */
    public record Placed(String after, OpaqueNode.Element element) {
        public Placed {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(element, "element");
        }
    }
}
