package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <features>}: simple flags ({@code <acpi/>}, {@code <hap state='on'/>}, ...). Features
 * with more structure ({@code <hyperv>}, {@code <kvm>}, {@code <ioapic driver>}, ...) stay
 * opaque in {@link #extras}.
 */
public record Features(List<Flag> flags, Extras extras) {
    /** Flags that are on when present; libvirt takes no state for them. */
    public static final List<String> PRESENCE = List.of("acpi", "apic", "pae", "viridian", "privnet");
    /** Flags with {@code state='on|off'}; a flag given without a state is on (and written so). */
    public static final List<String> SWITCHES = List.of("hap", "pvspinlock", "pmu", "vmport", "smm", "vmcoreinfo",
            "htm", "nested-hv", "ccf-assist");
    /** Flag names the model knows, in the order libvirt writes them. */
    public static final List<String> KNOWN = List.of("acpi", "apic", "pae", "hap", "viridian", "privnet",
            "pvspinlock", "pmu", "vmport", "smm", "vmcoreinfo", "htm", "nested-hv", "ccf-assist");

    public Features {
        flags = List.copyOf(flags);
        Objects.requireNonNull(extras, "extras");
    }

    public boolean has(String name) {
        return flags.stream().anyMatch(f -> f.name().equals(name) && !f.state().equals(Optional.of("off")));
    }

    /**
     * {@code <NAME/>} or {@code <NAME state='on|off'/>}: a switch ({@link #SWITCHES}) without a
     * state is on, and says so.
     */
    public record Flag(String name, Optional<String> state) {
        public Flag {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            if (state.isEmpty() && SWITCHES.contains(name)) {
                state = Optional.of("on");
            }
        }
    }
}
