package org.jvirt.cli.adapt;

/**
 * Why a thread may run where it may (PINNING.md 4.1), mirroring
 * {@link org.jvirt.pinning.ResolvedSet.Reason} (same constant names).
 */
public enum PinReason {
    EXPLICIT_PIN("explicit pin"),
    NUMAD("numad placement"),
    VCPU_CPUSET("<vcpu cpuset>"),
    ALL_HOST_CPUS("all host CPUs");

    private final String label;

    PinReason(String label) {
        this.label = label;
    }

    /** What {@code vcpupin --explain} prints; explicit pins name their element. */
    public String describe(PinTarget target) {
        if (this != EXPLICIT_PIN) {
            return label;
        }
        return switch (target.kind()) {
            case VCPU -> "explicit <vcpupin>";
            case EMULATOR -> "explicit <emulatorpin>";
            case IOTHREAD -> "explicit <iothreadpin>";
        };
    }
}
