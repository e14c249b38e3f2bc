package org.jvirt.cli.adapt;

import org.jvirt.Affect;
import org.jvirt.Domain;

/**
 * Where each thread of a domain may run and why ({@link EffectivePinningExplainer} in
 * production, a fake in tests).
 */
@FunctionalInterface
public interface PinningExplainer {
    PinningView explain(Domain domain, Affect affect);
}
