package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code <devices>}: the emulator path and the devices, in the order given (disks in libvirt's order). */
public record Devices(Optional<String> emulator, List<Device> list, Extras extras) {
    public static final Devices NONE = new Devices(Optional.empty(), List.of(), Extras.NONE);

    public Devices {
        Objects.requireNonNull(emulator, "emulator");
        list = List.copyOf(list);
        Objects.requireNonNull(extras, "extras");
    }

    /** The devices of one family, e.g. {@code of(Disk.class)}. */
    public <T extends Device> List<T> of(Class<T> kind) {
        return list.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
