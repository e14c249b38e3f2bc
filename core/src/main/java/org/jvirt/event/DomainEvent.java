package org.jvirt.event;

import java.util.UUID;

import org.jvirt.StateReason;
import org.jvirt.model.CpuSet;

/**
 * Something that happened to a domain, delivered through
 * {@link org.jvirt.Connection#events()} ({@link java.util.concurrent.Flow}): no event loop for
 * the application to run.
 */
public sealed interface DomainEvent {
    /** The domain's name. */
    String name();

    UUID uuid();

    /** A definition was stored (new or updated). */
    record Defined(String name, UUID uuid, boolean updated) implements DomainEvent {
    }

    /** The persistent definition was removed. */
    record Undefined(String name, UUID uuid) implements DomainEvent {
    }

    /** The domain started (paused or running). */
    record Started(String name, UUID uuid, boolean paused) implements DomainEvent {
    }

    /** The domain stopped; {@code reason} says how (shutdown, destroyed, crashed, failed). */
    record Stopped(String name, UUID uuid, StateReason reason) implements DomainEvent {
    }

    record Suspended(String name, UUID uuid) implements DomainEvent {
    }

    record Resumed(String name, UUID uuid) implements DomainEvent {
    }

    /** The number of online vCPUs changed (live) or the configured count changed (config). */
    record VcpusChanged(String name, UUID uuid, int current, boolean live) implements DomainEvent {
    }

    /**
     * A pin changed; {@code target} is {@code vcpupinN}, {@code emulatorpin} or
     * {@code iothreadpinK}, as libvirt's tunable event keys ({@code cputune.vcpupin1}).
     */
    record PinChanged(String name, UUID uuid, String target, CpuSet cpus, boolean live) implements DomainEvent {
    }

    /** The domain's process died unexpectedly (it is now shut off with reason crashed). */
    record Crashed(String name, UUID uuid) implements DomainEvent {
    }
}
