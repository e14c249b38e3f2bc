package org.jvirt.xml;

import java.util.List;
import java.util.Objects;

import org.jvirt.model.DomainDef;

/**
 * What {@link DomainXml#parse(String)} gives: the definition, with defaults filled in, and the
 * warnings about input that was accepted but ignored (e.g. a {@code <vcpupin>} beyond the vCPU
 * count).
 */
public record ParseResult(DomainDef def, List<String> warnings) {
    public ParseResult {
        Objects.requireNonNull(def, "def");
        warnings = List.copyOf(warnings);
    }
}
