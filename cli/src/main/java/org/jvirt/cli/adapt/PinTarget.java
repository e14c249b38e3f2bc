package org.jvirt.cli.adapt;

import java.util.Objects;

/** A thread (group) of a domain that has a CPU affinity: vCPU N, the emulator, I/O thread K. */
public record PinTarget(Kind kind, int id) implements Comparable<PinTarget> {
    /** The thread kinds, in the order they are listed. */
    public enum Kind { VCPU, EMULATOR, IOTHREAD }

    public PinTarget {
        Objects.requireNonNull(kind, "kind");
    }

    public static PinTarget vcpu(int id) {
        return new PinTarget(Kind.VCPU, id);
    }

    public static PinTarget emulator() {
        return new PinTarget(Kind.EMULATOR, 0);
    }

    public static PinTarget iothread(int id) {
        return new PinTarget(Kind.IOTHREAD, id);
    }

    /** {@code vcpu 1}, {@code emulator}, {@code iothread 2}. */
    public String label() {
        return switch (kind) {
            case VCPU -> "vcpu " + id;
            case EMULATOR -> "emulator";
            case IOTHREAD -> "iothread " + id;
        };
    }

    @Override
    public int compareTo(PinTarget o) {
        int k = kind.compareTo(o.kind);
        return k != 0 ? k : Integer.compare(id, o.id);
    }
}
