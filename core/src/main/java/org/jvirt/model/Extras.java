package org.jvirt.model;

import java.util.List;
import java.util.Objects;

/**
 * What an element carried that the model does not know, so the formatter writes it back: unknown
 * attributes; unknown child elements, each with the name of the known sibling it followed
 * ({@code ""} = it came first); and the unknown content of known child elements that have no
 * model record of their own ({@link Nested}), such as an attribute on {@code <memory>}.
 */
public record Extras(List<OpaqueNode.Attribute> attributes, List<Placed> elements, List<Nested> nested) {
    public static final Extras NONE = new Extras(List.of(), List.of(), List.of());

    public Extras {
        attributes = List.copyOf(attributes);
        elements = List.copyOf(elements);
        nested = List.copyOf(nested);
    }

    public Extras(List<OpaqueNode.Attribute> attributes, List<Placed> elements) {
        this(attributes, elements, List.of());
    }

    public boolean isEmpty() {
        return attributes.isEmpty() && elements.isEmpty() && nested.isEmpty();
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

    /**
     * The unknown content of the {@code index}-th (from 0) known child element called {@code name}
     * that the formatter writes for this element.
     */
    public record Nested(String name, int index, Extras extras) {
        public Nested {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(extras, "extras");
            if (index < 0) {
                throw new IllegalArgumentException("negative index");
            }
        }
    }
}
