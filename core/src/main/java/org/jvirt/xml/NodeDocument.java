package org.jvirt.xml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jvirt.host.HostTopology;

/**
 * A node document of the test driver: a simulated host and the domains it starts with (see
 * docs/drivers.md for the format).
 *
 * @param hostname the host name the connection reports; empty = the real host's
 */
public record NodeDocument(HostTopology topology, Optional<String> hostname, List<Guest> guests) {
    public NodeDocument {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(hostname, "hostname");
        guests = List.copyOf(guests);
    }

    public enum RunState { RUNNING, PAUSED, SHUTOFF }

    /** One domain of the node with its run state. */
    public record Guest(String domainXml, RunState state, boolean persistent) {
    }
}
