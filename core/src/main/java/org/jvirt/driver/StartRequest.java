package org.jvirt.driver;

import java.util.Objects;
import java.util.Optional;

import org.jvirt.host.NumadAdvice;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;

/**
 * A start, as core hands it to {@link Hypervisor#start}: validated, with its pinning resolved.
 *
 * @param pinning  every thread's CPUs and why ({@link Capabilities#placesThreads}: one set for the
 *                 whole domain when the driver places domains as a whole)
 * @param numad    numad's advice when the domain is placed automatically (asked once, by core)
 * @param paused   whether the domain stays paused after the start
 * @param watcher  how the driver reports what happens to the domain between jobs
 */
public record StartRequest(String name, DomainDef def, EffectivePinning pinning, Optional<NumadAdvice> numad,
                           boolean paused, DomainWatcher watcher) {
    public StartRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(def, "def");
        Objects.requireNonNull(pinning, "pinning");
        Objects.requireNonNull(numad, "numad");
        Objects.requireNonNull(watcher, "watcher");
    }
}
