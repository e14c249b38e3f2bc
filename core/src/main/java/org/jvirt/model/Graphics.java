package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <graphics type port autoport listen>} with its {@code <listen>} children (vnc, spice).
 * The {@code listen} attribute and the first address listen mirror each other, as in libvirt.
 */
public record Graphics(String type, OptionalInt port, Optional<Boolean> autoport, Optional<String> listen,
                       List<Listen> listens, Extras extras) implements Device {
    public Graphics {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(autoport, "autoport");
        Objects.requireNonNull(listen, "listen");
        listens = List.copyOf(listens);
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "graphics";
    }

    @Override
    public Optional<Address> address() {
        return Optional.empty();
    }

    /** {@code <listen type address network socket/>}. */
    public record Listen(String type, Optional<String> address, Optional<String> network, Optional<String> socket,
                         Extras extras) {
        public Listen {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(extras, "extras");
        }
    }
}
