package org.jvirt.spi;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jvirt.model.DefinitionWarning;

/**
 * A domain a driver defined or created, with the warnings its definition gave (what was kept
 * without being understood, what was dropped): a driver that has none to tell gives none.
 */
public record Defined(DomainSummary domain, List<DefinitionWarning> warnings) {
    public Defined {
        Objects.requireNonNull(domain, "domain");
        warnings = List.copyOf(warnings);
    }

    /** A definition with nothing to warn about (or a driver that cannot tell). */
    public static Defined of(DomainSummary domain) {
        return new Defined(domain, List.of());
    }

    /** The domain's UUID, the key of every later call. */
    public UUID uuid() {
        return domain.uuid();
    }
}
