package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <serial>}, {@code <console>} or {@code <channel>}: a character device.
 *
 * @param type    pty, file, unix, tcp, udp, ...
 * @param sources its {@code <source>} elements: at most one, except for {@code udp}, which has a
 *                {@code bind} source (where it listens) and a {@code connect} source (where it
 *                sends), in that order
 */
public record CharDevice(Kind kind, String type, List<Source> sources, Optional<Target> target,
                         Optional<Address> address, Extras extras) implements Device {
    public CharDevice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        sources = List.copyOf(sources);
        if (sources.size() > ("udp".equals(type) ? 2 : 1)) {
            throw new IllegalArgumentException("too many sources for a " + type + " character device");
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    /** A device with at most one source. */
    public CharDevice(Kind kind, String type, Optional<Source> source, Optional<Target> target,
                      Optional<Address> address, Extras extras) {
        this(kind, type, source.stream().toList(), target, address, extras);
    }

    /** The first source, e.g. the path of a {@code file} or {@code unix} device. */
    public Optional<Source> source() {
        return sources.stream().findFirst();
    }

    @Override
    public String elementName() {
        return kind.xml();
    }

    /** Which of the three elements. */
    public enum Kind {
        SERIAL("serial"), CONSOLE("console"), CHANNEL("channel");

        private final String xml;

        Kind(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    /** {@code <source mode path/>}. */
    public record Source(Optional<String> mode, Optional<String> path, Extras extras) {
        public Source {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(extras, "extras");
        }
    }

    /** {@code <target type port name/>}. */
    public record Target(Optional<String> type, OptionalInt port, Optional<String> name, Extras extras) {
        public Target {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(extras, "extras");
        }
    }
}
