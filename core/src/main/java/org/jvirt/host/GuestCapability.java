package org.jvirt.host;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code <guest>} of the capabilities: an OS type on an architecture, the emulator that runs
 * it and the domain types ({@code qemu}, {@code kvm}, {@code lxc}, {@code test}) it supports.
 *
 * @param wordSize 32 or 64; 0 when unknown (then no {@code <wordsize>} is written)
 */
public record GuestCapability(String osType, String arch, int wordSize, Optional<String> emulator,
                              List<String> domainTypes) {
    public GuestCapability {
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(emulator, "emulator");
        domainTypes = List.copyOf(domainTypes);
        if (wordSize < 0) {
            throw new IllegalArgumentException("negative word size");
        }
    }

    /** With the word size libvirt gives {@code arch} ({@link HostArch#wordSize}). */
    public static GuestCapability of(String osType, String arch, String emulator, List<String> domainTypes) {
        return new GuestCapability(osType, arch, HostArch.wordSize(arch), Optional.ofNullable(emulator), domainTypes);
    }
}
