package org.jvirt.driver.qemu.monitor;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** An asynchronous QMP event: {@code {"event": NAME, "data": {...}, "timestamp": ...}}. */
public record QmpEvent(String name, JsonNode data) {
    public QmpEvent {
        Objects.requireNonNull(name, "name");
        data = data == null ? MissingNode.getInstance() : data;
    }

    /** A text member of {@code data} ("" when absent). */
    public String text(String field) {
        return data.path(field).asText("");
    }
}
