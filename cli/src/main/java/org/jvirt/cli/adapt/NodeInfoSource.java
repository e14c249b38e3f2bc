package org.jvirt.cli.adapt;

import org.jvirt.Connection;

/** Where {@code nodeinfo} gets its numbers ({@link ConnectionNodeInfoSource} in production). */
@FunctionalInterface
public interface NodeInfoSource {
    NodeInfoView nodeInfo(Connection conn);
}
