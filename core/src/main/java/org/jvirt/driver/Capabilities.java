package org.jvirt.driver;

import java.util.Objects;
import java.util.Optional;

/**
 * The optional parts of a {@link Hypervisor}: what a driver can do beyond the lifecycle. Core
 * asks here before it calls one; what is absent it answers with {@code NO_SUPPORT}, naming the
 * operation and this declaration's {@link #note}.
 *
 * <p>A driver without {@link LivePinning} places each domain as a whole: every thread of it runs
 * on one set of host CPUs ({@code <vcpu cpuset>}, numad's advice, or every host CPU), its pins
 * are kept in the XML but never applied, and pin queries are refused.
 *
 * @param livePinning  vcpupin, emulatorpin, iothreadpin (live and persistent) and their queries
 * @param vcpuHotplug  setvcpus/setvcpu on a running domain, one vCPU device at a time
 * @param vcpuBandwidth setvcpus on a running domain that has no vCPU devices: the count is a CPU
 *                     bandwidth (containers)
 * @param threadView   vcpuinfo and pincheck: what the kernel says of each thread
 * @param note         why the absent parts are absent, for the NO_SUPPORT message (may be empty)
 */
public record Capabilities<R>(Optional<LivePinning<R>> livePinning, Optional<VcpuHotplug<R>> vcpuHotplug,
                              Optional<VcpuBandwidth<R>> vcpuBandwidth, Optional<ThreadView<R>> threadView,
                              String note) {
    public Capabilities {
        Objects.requireNonNull(livePinning, "livePinning");
        Objects.requireNonNull(vcpuHotplug, "vcpuHotplug");
        Objects.requireNonNull(vcpuBandwidth, "vcpuBandwidth");
        Objects.requireNonNull(threadView, "threadView");
        Objects.requireNonNull(note, "note");
    }

    /** The lifecycle only; {@code note} says why (e.g. "a container has no vCPU threads"). */
    public static <R> Capabilities<R> lifecycleOnly(String note) {
        return new Capabilities<>(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), note);
    }

    public Capabilities<R> withLivePinning(LivePinning<R> value) {
        return new Capabilities<>(Optional.of(value), vcpuHotplug, vcpuBandwidth, threadView, note);
    }

    public Capabilities<R> withVcpuHotplug(VcpuHotplug<R> value) {
        return new Capabilities<>(livePinning, Optional.of(value), vcpuBandwidth, threadView, note);
    }

    public Capabilities<R> withVcpuBandwidth(VcpuBandwidth<R> value) {
        return new Capabilities<>(livePinning, vcpuHotplug, Optional.of(value), threadView, note);
    }

    public Capabilities<R> withThreadView(ThreadView<R> value) {
        return new Capabilities<>(livePinning, vcpuHotplug, vcpuBandwidth, Optional.of(value), note);
    }

    /** Whether each thread gets its own placement (else the domain is placed as a whole). */
    public boolean placesThreads() {
        return livePinning.isPresent();
    }
}
