package org.jvirt.cli.adapt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective pinning of a domain as the shell shows it: every vCPU (0..MAX-1), the emulator
 * and every I/O thread. The shell's own type, so the commands do not depend on the shape of
 * {@link org.jvirt.pinning.EffectivePinning}.
 */
public record PinningView(List<ThreadPin> vcpus, ThreadPin emulator, List<ThreadPin> iothreads) {
    public PinningView {
        vcpus = List.copyOf(vcpus);
        Objects.requireNonNull(emulator, "emulator");
        iothreads = List.copyOf(iothreads);
    }

    /** vCPUs, then the emulator, then I/O threads. */
    public List<ThreadPin> all() {
        List<ThreadPin> out = new ArrayList<>(vcpus);
        out.add(emulator);
        out.addAll(iothreads);
        return out;
    }

    public Optional<ThreadPin> find(PinTarget target) {
        return all().stream().filter(p -> p.target().equals(target)).findFirst();
    }
}
