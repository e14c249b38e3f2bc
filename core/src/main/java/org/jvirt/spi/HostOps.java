package org.jvirt.spi;

import org.jvirt.Version;
import org.jvirt.host.HostTopology;

/** What a driver tells about its host. */
public interface HostOps {
    String hostname();

    /** {@code QEMU}, {@code LXC}, {@code TEST}. */
    String hypervisorType();

    Version hypervisorVersion();

    HostTopology topology();

    org.jvirt.host.NodeInfo nodeInfo();

    /** Capabilities XML in the shape of {@code virsh capabilities}. */
    String capabilitiesXml();
}
