package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code <controller type index model/>}. */
public record Controller(String type, OptionalInt index, Optional<String> model, Optional<Address> address,
                         Extras extras) implements Device {
    public Controller {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "controller";
    }
}
