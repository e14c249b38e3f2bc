package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <interface type>}: a network interface (network, bridge, user, ethernet, ...).
 */
public record NetInterface(String type, Optional<String> mac, Optional<Source> source, Optional<String> targetDev,
                           Optional<String> model, OptionalInt bootOrder, Optional<Address> address,
                           Extras extras) implements Device {
    public NetInterface {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(targetDev, "targetDev");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bootOrder, "bootOrder");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "interface";
    }

    /** {@code <source network bridge dev mode/>} (which attribute depends on the type). */
    public record Source(Optional<String> network, Optional<String> bridge, Optional<String> dev,
                         Optional<String> mode, Extras extras) {
        public Source {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(bridge, "bridge");
            Objects.requireNonNull(dev, "dev");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(extras, "extras");
        }
    }
}
