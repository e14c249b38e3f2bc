package org.jvirt.cli;

import java.time.Clock;
import java.util.Objects;

import org.jvirt.cli.adapt.NodeInfoSource;
import org.jvirt.cli.adapt.PinningExplainer;
import org.jvirt.cli.adapt.PinningProbeLocator;

/**
 * The seams of the shell that are not the connection: the interim adapters for the types
 * still being written (node info, effective pinning, pinning probes) and the clock of
 * {@code event --timestamp}.
 */
public record Extensions(NodeInfoSource nodeInfo, PinningExplainer explainer, PinningProbeLocator probes,
                         Clock clock) {
    public Extensions {
        Objects.requireNonNull(nodeInfo, "nodeInfo");
        Objects.requireNonNull(explainer, "explainer");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(clock, "clock");
    }
}
