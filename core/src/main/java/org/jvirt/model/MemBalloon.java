package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;

/** {@code <memballoon model/>}: virtio, xen or none. */
public record MemBalloon(String model, Optional<Address> address, Extras extras) implements Device {
    public MemBalloon {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "memballoon";
    }
}
