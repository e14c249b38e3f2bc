package org.jvirt.host;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code virsh capabilities} describes: the host (its topology, with nodeinfo's socket,
 * core and thread counts for the host CPU) and the guests a driver can run. Formatted by
 * {@code org.jvirt.xml.CapabilitiesXml}.
 *
 * @param hostUuid a stable host UUID when the driver knows one (written as {@code <uuid>})
 */
public record Capabilities(HostTopology host, NodeInfo nodeInfo, Optional<String> hostUuid,
                           List<GuestCapability> guests) {
    public Capabilities {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(nodeInfo, "nodeInfo");
        Objects.requireNonNull(hostUuid, "hostUuid");
        guests = List.copyOf(guests);
    }
}
