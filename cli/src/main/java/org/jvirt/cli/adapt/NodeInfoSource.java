package org.jvirt.cli.adapt;

import org.jvirt.Connection;

/**
 * Where {@code nodeinfo} gets its numbers. Today {@link TopologyNodeInfoSource} derives them
 * from {@link Connection#hostTopology()}; when {@code org.jvirt.host.NodeInfo} becomes the real
 * record, a one-line implementation mapping {@link Connection#nodeInfo()} replaces it.
 */
@FunctionalInterface
public interface NodeInfoSource {
    NodeInfoView nodeInfo(Connection conn);
}
