package org.jvirt.state;

import java.util.List;

import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DomainDef;

/**
 * Turns XML into a checked definition and back: parse (lenient, hardened), the driver's
 * post-parse defaults, then strict validation that changes nothing.
 */
public interface DefinitionCodec {
    /** A definition ready to store, with the warnings parsing and validation gave, in that order. */
    record Checked(DomainDef def, List<DefinitionWarning> warnings) {
        public Checked {
            warnings = List.copyOf(warnings);
        }
    }

    Checked parse(String xml);

    /**
     * A definition built in code rather than parsed, through the same post-parse defaults and
     * checks as {@link #parse}.
     */
    Checked check(DomainDef def);

    /** Domain XML of {@code def}; {@code id} (a running domain's) goes on the root element. */
    String format(DomainDef def, java.util.OptionalInt id);
}
