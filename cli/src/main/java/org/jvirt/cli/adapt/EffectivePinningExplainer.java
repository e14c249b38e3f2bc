package org.jvirt.cli.adapt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ResolvedSet;

/** The driver's own resolution ({@link Domain#effectivePinning}), in the shell's terms. */
public final class EffectivePinningExplainer implements PinningExplainer {
    @Override
    public PinningView explain(Domain domain, Affect affect) {
        EffectivePinning p = domain.effectivePinning(affect);
        List<ThreadPin> vcpus = new ArrayList<>();
        for (int i = 0; i < p.vcpus().size(); i++) {
            vcpus.add(pin(PinTarget.vcpu(i), p.vcpus().get(i)));
        }
        List<ThreadPin> iothreads = new ArrayList<>();
        for (Map.Entry<Integer, ResolvedSet> e : p.iothreads().entrySet()) {
            iothreads.add(pin(PinTarget.iothread(e.getKey()), e.getValue()));
        }
        return new PinningView(vcpus, pin(PinTarget.emulator(), p.emulator()), iothreads);
    }

    private static ThreadPin pin(PinTarget target, ResolvedSet set) {
        return new ThreadPin(target, set.cpus(), PinReason.valueOf(set.reason().name()));
    }
}
