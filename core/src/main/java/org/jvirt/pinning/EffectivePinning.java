package org.jvirt.pinning;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * The resolved placement of every thread of a domain (docs/pinning.md#which-cpus-a-thread-gets): one entry per vCPU
 * 0..MAX-1 (offline ones too: a hotplug applies theirs), the emulator, and every I/O thread.
 *
 * @param vcpus     index = vCPU id
 * @param emulator  the main thread and every thread that is neither a vCPU nor an I/O thread
 * @param iothreads by I/O thread id, ascending
 */
public record EffectivePinning(List<ResolvedSet> vcpus, ResolvedSet emulator,
                               NavigableMap<Integer, ResolvedSet> iothreads) {
    public EffectivePinning {
        vcpus = List.copyOf(vcpus);
        Objects.requireNonNull(emulator, "emulator");
        iothreads = Collections.unmodifiableNavigableMap(new TreeMap<>(iothreads));
    }

    static EffectivePinning of(List<ResolvedSet> vcpus, ResolvedSet emulator, Map<Integer, ResolvedSet> io) {
        return new EffectivePinning(vcpus, emulator, new TreeMap<>(io));
    }

    /** The set of vCPU {@code id}; {@link ErrorCode#INVALID_ARG} when there is no such vCPU. */
    public ResolvedSet vcpu(int id) {
        if (id < 0 || id >= vcpus.size()) {
            throw DefinitionKind.outOfRange(null, id, vcpus.size());
        }
        return vcpus.get(id);
    }

    /** The set of I/O thread {@code id}; {@link ErrorCode#PIN_TARGET} when there is no such thread. */
    public ResolvedSet iothread(int id) {
        ResolvedSet s = iothreads.get(id);
        if (s == null) {
            throw VirtException.of(ErrorCode.PIN_TARGET, ErrorDomain.PINNING, "iothreadpin: no I/O thread %d", id);
        }
        return s;
    }
}
