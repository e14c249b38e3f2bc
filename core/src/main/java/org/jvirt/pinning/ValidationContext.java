package org.jvirt.pinning;

import java.util.Objects;

/**
 * What the validator needs to know about the driver that will run the definition.
 *
 * @param kind               virtual machines (qemu, test) or containers (lxc): some rules only
 *                           hold for one
 * @param topologyIsMaximum  whether a {@code <cpu><topology>} must give exactly the maximum vCPU
 *                           count (V23): QEMU requires it, libvirt's and jvirt's test drivers do not
 */
public record ValidationContext(DriverKind kind, boolean topologyIsMaximum) {
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

    /** Virtual machines of the test driver: a topology may give fewer or more vCPUs than the maximum. */
    public static ValidationContext vm() {
        return new ValidationContext(DriverKind.VM, false);
    }

    /** QEMU virtual machines: a topology must give exactly the maximum vCPU count. */
    public static ValidationContext qemu() {
        return new ValidationContext(DriverKind.VM, true);
    }

    public static ValidationContext container() {
        return new ValidationContext(DriverKind.CONTAINER, false);
    }

    public boolean isVm() {
        return kind == DriverKind.VM;
    }
}
