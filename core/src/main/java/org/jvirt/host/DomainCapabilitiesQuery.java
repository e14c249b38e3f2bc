package org.jvirt.host;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code virsh domcapabilities} asks about: an emulator binary, a guest architecture, a
 * machine type and a virtualization type ({@code kvm}, {@code qemu}); each empty one is the
 * driver's default.
 */
public record DomainCapabilitiesQuery(Optional<String> emulator, Optional<String> arch, Optional<String> machine,
                                      Optional<String> virtType) {
    public static final DomainCapabilitiesQuery DEFAULT = new DomainCapabilitiesQuery(Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public DomainCapabilitiesQuery {
        Objects.requireNonNull(emulator, "emulator");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(virtType, "virtType");
    }
}
