package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <features>}: simple flags ({@code <acpi/>}, {@code <hap state='on'/>}, ...). Features
 * with more structure ({@code <hyperv>}, {@code <kvm>}, ...) stay opaque in {@link #extras}.
 */
public record Features(List<Flag> flags, Extras extras) {
    /** Flag names the model knows, in the order libvirt writes them. */
    public static final List<String> KNOWN = List.of("acpi", "apic", "pae", "hap", "viridian", "privnet",
            "pvspinlock", "pmu", "vmport", "smm", "htm", "nested-hv", "ccf-assist", "vmcoreinfo", "ioapic",
            "async-teardown");

    public Features {
        flags = List.copyOf(flags);
        Objects.requireNonNull(extras, "extras");
    }

    public boolean has(String name) {
        return flags.stream().anyMatch(f -> f.name().equals(name) && !f.state().equals(Optional.of("off")));
    }

    /** {@code <NAME state='on|off'/>}; no state means on. */
    public record Flag(String name, Optional<String> state) {
        public Flag {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
        }
    }
}
