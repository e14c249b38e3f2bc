package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <disk type device>}: a block device of the guest.
 *
 * @param type file, block or network (matches the {@link DiskSource} variant)
 * @param device disk, cdrom, floppy or lun
 */
public record Disk(String type, String device, Optional<Driver> driver, Optional<DiskSource> source,
                   Target target, boolean readonly, boolean shareable, Optional<String> serial,
                   OptionalInt bootOrder, Optional<Address> address, Extras extras) implements Device {
    public static final List<String> TYPES = List.of("file", "block", "network");

    public Disk {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(bootOrder, "bootOrder");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "disk";
    }

    /** {@code <driver name type cache/>}. */
    public record Driver(Optional<String> name, Optional<String> type, Optional<String> cache, Extras extras) {
        public Driver {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(extras, "extras");
        }
    }

    /** {@code <target dev bus/>}. */
    public record Target(String dev, Optional<String> bus, Extras extras) {
        public Target {
            Objects.requireNonNull(dev, "dev");
            Objects.requireNonNull(bus, "bus");
            Objects.requireNonNull(extras, "extras");
        }
    }
}
