package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code <disk><source>}: one variant per disk type. */
public sealed interface DiskSource {

    Extras extras();

    /** {@code <source file='PATH'/>} of a {@code type='file'} disk. */
    record File(Optional<String> path, Extras extras) implements DiskSource {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(extras, "extras");
        }
    }

    /** {@code <source dev='PATH'/>} of a {@code type='block'} disk. */
    record Block(Optional<String> dev, Extras extras) implements DiskSource {
        public Block {
            Objects.requireNonNull(dev, "dev");
            Objects.requireNonNull(extras, "extras");
        }
    }

    /** {@code <source protocol name><host .../></source>} of a {@code type='network'} disk. */
    record Network(String protocol, Optional<String> name, List<Host> hosts, Extras extras)
            implements DiskSource {
        public Network {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(name, "name");
            hosts = List.copyOf(hosts);
            Objects.requireNonNull(extras, "extras");
        }
    }

    /** {@code <host name port transport socket/>}. */
    record Host(Optional<String> name, Optional<String> port, Optional<String> transport,
                Optional<String> socket) {
        public Host {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(socket, "socket");
        }
    }
}
