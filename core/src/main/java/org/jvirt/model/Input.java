package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;

/** {@code <input type bus/>}: mouse, tablet, keyboard, ... */
public record Input(String type, Optional<String> bus, Optional<Address> address, Extras extras) implements Device {
    public Input {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "input";
    }
}
