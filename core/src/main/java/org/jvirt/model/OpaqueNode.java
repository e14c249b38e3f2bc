package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * XML the model does not understand, kept as a small tree (no XML library in the model) so the
 * formatter can write it back exactly where it was.
 */
public sealed interface OpaqueNode {

    /** An element; {@code namespaceUri} and {@code prefix} are empty for no namespace. */
    record Element(String prefix, String namespaceUri, String name, List<Attribute> attributes,
                   List<OpaqueNode> content) implements OpaqueNode {
        public Element {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(namespaceUri, "namespaceUri");
            Objects.requireNonNull(name, "name");
            attributes = List.copyOf(attributes);
            content = List.copyOf(content);
        }

        /** Whether this is the element {@code name} in no namespace. */
        public boolean is(String localName) {
            return name.equals(localName) && namespaceUri.isEmpty();
        }

        /** The value of attribute {@code name} (no namespace). */
        public Optional<String> attribute(String attributeName) {
            return attributes.stream().filter(a -> a.name().equals(attributeName) && a.namespaceUri().isEmpty())
                    .map(Attribute::value).findFirst();
        }
    }

    /** Character data. */
    record Text(String text) implements OpaqueNode {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A comment. */
    record Comment(String text) implements OpaqueNode {
        public Comment {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An attribute; {@code namespaceUri} and {@code prefix} are empty for no namespace. */
    record Attribute(String prefix, String namespaceUri, String name, String value) {
        public Attribute {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(namespaceUri, "namespaceUri");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
