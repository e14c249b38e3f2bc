package org.jvirt.cli.adapt;

import org.jvirt.Connection;
import org.jvirt.host.NodeInfo;

/** {@code nodeinfo}'s numbers as the driver reports them ({@link Connection#nodeInfo()}). */
public final class ConnectionNodeInfoSource implements NodeInfoSource {
    @Override
    public NodeInfoView nodeInfo(Connection conn) {
        NodeInfo n = conn.nodeInfo();
        return new NodeInfoView(n.model(), n.cpus(), n.mhz(), n.nodes(), n.sockets(), n.cores(), n.threads(),
                n.memoryKiB());
    }
}
