package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A device of a family the model knows, in a variant it does not (a {@code <disk type='volume'>},
 * say): kept whole and written back in its place among the devices. Drivers do not use it.
 */
public record OpaqueDevice(OpaqueNode.Element element) implements Device {
    public OpaqueDevice {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String elementName() {
        return element.name();
    }

    @Override
    public Optional<Address> address() {
        return Optional.empty();
    }

    @Override
    public Extras extras() {
        return Extras.NONE;
    }
}
