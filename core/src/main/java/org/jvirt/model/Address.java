package org.jvirt.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code <address type='pci' domain='0x0000' bus='0x00' .../>}: kept as its type plus the other
 * attributes, in their order, since each bus has its own.
 */
public record Address(String type, List<OpaqueNode.Attribute> attributes) {
    public Address {
        Objects.requireNonNull(type, "type");
        attributes = List.copyOf(attributes);
    }
}
