package org.jvirt.pinning;

import java.util.Objects;

/**
 * What the validator needs to know about the driver that will run the definition.
 *
 * @param kind virtual machines (qemu, test) or containers (lxc): some rules only hold for one
 */
public record ValidationContext(DriverKind kind) {
    public ValidationContext {
        Objects.requireNonNull(kind, "kind");
    }

    /** The two families of drivers. */
    public enum DriverKind {
        /** QEMU and the test driver: per-vCPU state, hotplug, topology rules. */
        VM,
        /** LXC: no per-vCPU state ({@code <vcpus>} is refused). */
        CONTAINER
    }

    public static ValidationContext vm() {
        return new ValidationContext(DriverKind.VM);
    }

    public static ValidationContext container() {
        return new ValidationContext(DriverKind.CONTAINER);
    }

    public boolean isVm() {
        return kind == DriverKind.VM;
    }
}
