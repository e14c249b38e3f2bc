package org.jvirt.cli.pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jvirt.ThreadPlacement;
import org.jvirt.ThreadPlacement.Kind;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ResolvedSet;

/**
 * One entry of a domain's {@link EffectivePinning} as the pin views list it: vCPU N, the
 * emulator or I/O thread N, with where it may run and why.
 *
 * @param index the vCPU or I/O thread id; -1 for the emulator, as in {@link ThreadPlacement}
 */
record PinnedThread(Kind kind, int index, ResolvedSet set) {
    PinnedThread {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(set, "set");
    }

    /** Every vCPU, then the emulator, then every I/O thread. */
    static List<PinnedThread> all(EffectivePinning pinning) {
        List<PinnedThread> out = new ArrayList<>(vcpus(pinning));
        out.add(new PinnedThread(Kind.EMULATOR, -1, pinning.emulator()));
        out.addAll(iothreads(pinning));
        return out;
    }

    static List<PinnedThread> vcpus(EffectivePinning pinning) {
        List<PinnedThread> out = new ArrayList<>();
        for (int i = 0; i < pinning.vcpus().size(); i++) {
            out.add(new PinnedThread(Kind.VCPU, i, pinning.vcpus().get(i)));
        }
        return out;
    }

    static List<PinnedThread> iothreads(EffectivePinning pinning) {
        List<PinnedThread> out = new ArrayList<>();
        for (Map.Entry<Integer, ResolvedSet> e : pinning.iothreads().entrySet()) {
            out.add(new PinnedThread(Kind.IOTHREAD, e.getKey(), e.getValue()));
        }
        return out;
    }

    /** {@code vcpu 1}, {@code emulator}, {@code iothread 2}. */
    static String label(Kind kind, int index) {
        return switch (kind) {
            case VCPU -> "vcpu " + index;
            case EMULATOR -> "emulator";
            case IOTHREAD -> "iothread " + index;
        };
    }

    String label() {
        return label(kind, index);
    }

    CpuSet cpus() {
        return set.cpus();
    }

    /** Whether the kernel's thread {@code t} is this one (every emulator thread is the emulator). */
    boolean matches(ThreadPlacement t) {
        return t.kind() == kind && (kind == Kind.EMULATOR || t.index() == index);
    }

    /** What {@code vcpupin --explain} prints as the reason; explicit pins name their element. */
    String reason() {
        return switch (set.reason()) {
            case EXPLICIT_PIN -> switch (kind) {
                case VCPU -> "explicit <vcpupin>";
                case EMULATOR -> "explicit <emulatorpin>";
                case IOTHREAD -> "explicit <iothreadpin>";
            };
            case NUMAD -> "numad placement";
            case VCPU_CPUSET -> "<vcpu cpuset>";
            case ALL_HOST_CPUS -> "all host CPUs";
        };
    }
}
