package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <serial>}, {@code <console>} or {@code <channel>}: a character device.
 *
 * @param type pty, file, unix, ...
 */
public record CharDevice(Kind kind, String type, Optional<Source> source, Optional<Target> target,
                         Optional<Address> address, Extras extras) implements Device {
    public CharDevice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
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
