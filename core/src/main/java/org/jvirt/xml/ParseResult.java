package org.jvirt.xml;

import java.util.List;
import java.util.Objects;

import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DomainDef;

/**
 * What {@link DomainXml#read(String)} gives: the definition, with defaults filled in, and the
 * warnings about input that was accepted but is not used (kept as written) or dropped, in
 * document order.
 */
public record ParseResult(DomainDef def, List<DefinitionWarning> warnings) {
    public ParseResult {
        Objects.requireNonNull(def, "def");
        warnings = List.copyOf(warnings);
    }
}
