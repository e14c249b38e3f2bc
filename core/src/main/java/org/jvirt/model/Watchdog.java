package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;

/** {@code <watchdog model action/>}. */
public record Watchdog(String model, Optional<String> action, Optional<Address> address, Extras extras)
        implements Device {
    public Watchdog {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "watchdog";
    }
}
