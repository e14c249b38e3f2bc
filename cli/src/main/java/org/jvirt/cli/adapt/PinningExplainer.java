package org.jvirt.cli.adapt;

import org.jvirt.Affect;
import org.jvirt.Domain;

/**
 * Where each thread of a domain may run and why. {@link DefinitionPinningExplainer} derives it
 * today from the driver's resolved sets and the definition; when
 * {@link Domain#effectivePinning} returns the real {@code EffectivePinning}, an implementation
 * mapping that record replaces it (one class, no command changes).
 */
@FunctionalInterface
public interface PinningExplainer {
    PinningView explain(Domain domain, Affect affect);
}
