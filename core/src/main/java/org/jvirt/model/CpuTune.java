package org.jvirt.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code <cputune>} (docs/pinning.md#the-settings). Quotas are stored as given; a negative quota
 * ("unlimited") is stored as -1. Pins are explicit ones only, kept sorted by id.
 */
public record CpuTune(
        OptionalLong shares,
        OptionalLong period, OptionalLong quota,
        OptionalLong globalPeriod, OptionalLong globalQuota,
        OptionalLong emulatorPeriod, OptionalLong emulatorQuota,
        OptionalLong iothreadPeriod, OptionalLong iothreadQuota,
        List<VcpuPin> vcpuPins,
        Optional<EmulatorPin> emulatorPin,
        List<IothreadPin> iothreadPins,
        Optional<ThreadSched> emulatorSched,
        List<ThreadSched> vcpuScheds,
        List<ThreadSched> iothreadScheds,
        Extras extras) {

    public static final CpuTune EMPTY = new CpuTune(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), List.of(), Optional.empty(),
            List.of(), Optional.empty(), List.of(), List.of(), Extras.NONE);

    public CpuTune {
        // named classes rather than Comparator.comparingInt or lambdas: JDK 25's start-up cache keeps
        // no lambda made inside an interface, and JDK 17's links each lambda's call site at run time
        vcpuPins = sorted(vcpuPins, ByVcpu.ORDER);
        iothreadPins = sorted(iothreadPins, ByIothread.ORDER);
        vcpuScheds = List.copyOf(vcpuScheds);
        iothreadScheds = List.copyOf(iothreadScheds);
    }

    private static final class ByVcpu implements Comparator<VcpuPin> {
        static final ByVcpu ORDER = new ByVcpu();

        @Override
        public int compare(VcpuPin a, VcpuPin b) {
            return Integer.compare(a.vcpu(), b.vcpu());
        }
    }

    private static final class ByIothread implements Comparator<IothreadPin> {
        static final ByIothread ORDER = new ByIothread();

        @Override
        public int compare(IothreadPin a, IothreadPin b) {
            return Integer.compare(a.iothread(), b.iothread());
        }
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return List.copyOf(copy);
    }

    /**
     * True when nothing at all is set (the element is then not written). Field by field rather
     * than {@code equals(EMPTY)}: a record's {@code equals} is linked at its first call by a
     * bootstrap method that no start-up cache keeps (about 15 ms of a one-shot command that writes
     * a domain's XML; {@code CpuTuneTest} holds the two equal).
     */
    public boolean isEmpty() {
        return shares.isEmpty() && period.isEmpty() && quota.isEmpty() && globalPeriod.isEmpty()
                && globalQuota.isEmpty() && emulatorPeriod.isEmpty() && emulatorQuota.isEmpty()
                && iothreadPeriod.isEmpty() && iothreadQuota.isEmpty()
                && vcpuPins.isEmpty() && emulatorPin.isEmpty() && iothreadPins.isEmpty()
                && emulatorSched.isEmpty() && vcpuScheds.isEmpty() && iothreadScheds.isEmpty()
                && extras.isEmpty();
    }

    // loops rather than streams: pinning is resolved in every one-shot command that reads a domain
    public Optional<VcpuPin> vcpuPin(int vcpu) {
        for (VcpuPin p : vcpuPins) {
            if (p.vcpu() == vcpu) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Optional<IothreadPin> iothreadPin(int iothread) {
        for (IothreadPin p : iothreadPins) {
            if (p.iothread() == iothread) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Replaces (or adds) the pin of {@code pin.vcpu()}. */
    public CpuTune withVcpuPin(VcpuPin pin) {
        List<VcpuPin> list = new ArrayList<>();
        for (VcpuPin p : vcpuPins) {
            if (p.vcpu() != pin.vcpu()) {
                list.add(p);
            }
        }
        list.add(pin);
        return withVcpuPins(list);
    }

    public CpuTune withVcpuPins(List<VcpuPin> value) {
        return new CpuTune(shares, period, quota, globalPeriod, globalQuota, emulatorPeriod, emulatorQuota,
                iothreadPeriod, iothreadQuota, value, emulatorPin, iothreadPins, emulatorSched, vcpuScheds,
                iothreadScheds, extras);
    }

    public CpuTune withEmulatorPin(Optional<EmulatorPin> value) {
        return new CpuTune(shares, period, quota, globalPeriod, globalQuota, emulatorPeriod, emulatorQuota,
                iothreadPeriod, iothreadQuota, vcpuPins, value, iothreadPins, emulatorSched, vcpuScheds,
                iothreadScheds, extras);
    }

    /** Replaces (or adds) the pin of {@code pin.iothread()}. */
    public CpuTune withIothreadPin(IothreadPin pin) {
        List<IothreadPin> list = new ArrayList<>();
        for (IothreadPin p : iothreadPins) {
            if (p.iothread() != pin.iothread()) {
                list.add(p);
            }
        }
        list.add(pin);
        return withIothreadPins(list);
    }

    public CpuTune withIothreadPins(List<IothreadPin> value) {
        return new CpuTune(shares, period, quota, globalPeriod, globalQuota, emulatorPeriod, emulatorQuota,
                iothreadPeriod, iothreadQuota, vcpuPins, emulatorPin, value, emulatorSched, vcpuScheds,
                iothreadScheds, extras);
    }

    public CpuTune withVcpuScheds(List<ThreadSched> value) {
        return new CpuTune(shares, period, quota, globalPeriod, globalQuota, emulatorPeriod, emulatorQuota,
                iothreadPeriod, iothreadQuota, vcpuPins, emulatorPin, iothreadPins, emulatorSched, value,
                iothreadScheds, extras);
    }

    public CpuTune withExtras(Extras value) {
        return new CpuTune(shares, period, quota, globalPeriod, globalQuota, emulatorPeriod, emulatorQuota,
                iothreadPeriod, iothreadQuota, vcpuPins, emulatorPin, iothreadPins, emulatorSched, vcpuScheds,
                iothreadScheds, value);
    }
}
