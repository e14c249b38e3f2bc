package org.jvirt.driver.test;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jvirt.host.HostTopology;

/**
 * A test driver node: the simulated host and the domains it starts with (see docs/drivers.md
 * for the file format).
 *
 * @param hostname the host name the connection reports; empty = the real host's
 */
record NodeFile(HostTopology topology, Optional<String> hostname, List<Guest> guests) {
    NodeFile {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(hostname, "hostname");
        guests = List.copyOf(guests);
    }

    enum RunState { RUNNING, PAUSED, SHUTOFF }

    /** One domain of the node with its run state. */
    record Guest(String domainXml, RunState state, boolean persistent) {
    }

    static NodeFile builtInDefault() {
        return NodeFileReader.readResource("/org/jvirt/driver/test/default-node.xml");
    }

    static NodeFile read(Path file) {
        return NodeFileReader.read(file);
    }
}
