package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <graphics type port autoport listen passwd>} with its {@code <listen>} children (vnc,
 * spice). The {@code listen} attribute and the first address listen mirror each other, as in
 * libvirt. {@code passwd} is a secret: domain XML shows it only when asked for
 * ({@link org.jvirt.XmlFlag#SECURE}).
 */
public record Graphics(String type, OptionalInt port, Optional<Boolean> autoport, Optional<String> listen,
                       Optional<String> passwd, List<Listen> listens, Extras extras) implements Device {
    public Graphics {
        Objects.requireNonNull(passwd, "passwd");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(autoport, "autoport");
        Objects.requireNonNull(listen, "listen");
        listens = List.copyOf(listens);
        Objects.requireNonNull(extras, "extras");
    }

    /** This device without its password. */
    public Graphics withoutPassword() {
        return new Graphics(type, port, autoport, listen, Optional.empty(), listens, extras);
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
