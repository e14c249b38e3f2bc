package org.jvirt.cli.adapt;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.IothreadInfo;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Placement;

/**
 * The interim explainer: the sets are the driver's ({@link Domain#vcpuPinInfo},
 * {@link Domain#emulatorPinInfo}, {@link Domain#iothreadInfo}); the reasons follow the
 * precedence of PINNING.md 4.1 on the affected definition (numad applies to live queries only).
 */
public final class DefinitionPinningExplainer implements PinningExplainer {
    @Override
    public PinningView explain(Domain domain, Affect affect) {
        boolean live = affect.resolve(domain.isActive()).live();
        DomainDef def = domain.definition(!live);
        CpuTune tune = def.cputune();
        List<ThreadPin> vcpus = new ArrayList<>();
        List<CpuSet> sets = domain.vcpuPinInfo(affect);
        for (int i = 0; i < sets.size(); i++) {
            PinReason reason = tune.vcpuPin(i).isPresent() ? PinReason.EXPLICIT_PIN : fallback(def, live);
            vcpus.add(new ThreadPin(PinTarget.vcpu(i), sets.get(i), reason));
        }
        ThreadPin emulator = new ThreadPin(PinTarget.emulator(), domain.emulatorPinInfo(affect),
                tune.emulatorPin().isPresent() ? PinReason.EXPLICIT_PIN : fallback(def, live));
        List<ThreadPin> iothreads = new ArrayList<>();
        for (IothreadInfo io : domain.iothreadInfo(affect)) {
            PinReason reason = tune.iothreadPin(io.id()).isPresent() ? PinReason.EXPLICIT_PIN : fallback(def, live);
            iothreads.add(new ThreadPin(PinTarget.iothread(io.id()), io.affinity(), reason));
        }
        return new PinningView(vcpus, emulator, iothreads);
    }

    private static PinReason fallback(DomainDef def, boolean live) {
        if (def.vcpu().placement() == Placement.AUTO && live) {
            return PinReason.NUMAD;
        }
        return def.vcpu().cpuset().isPresent() ? PinReason.VCPU_CPUSET : PinReason.ALL_HOST_CPUS;
    }
}
