package org.jvirt.spi;

import java.util.Objects;

import org.jvirt.event.EventBus;

/** What core hands to a driver when opening a connection. */
public record DriverContext(EventBus events, boolean readOnly) {
    public DriverContext {
        Objects.requireNonNull(events, "events");
    }
}
