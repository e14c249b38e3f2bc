package org.jvirt.driver.test;

import org.jvirt.StartOptions;
import org.jvirt.error.ErrorDomain;
import org.jvirt.pinning.Validator;
import org.jvirt.spi.DomainSummary;
import org.jvirt.spi.DriverContext;
import org.jvirt.state.Active;
import org.jvirt.state.DomainList;
import org.jvirt.driver.Hypervisor;
import org.jvirt.state.ManagedConnection;
import org.jvirt.state.ManagedDriver;
import org.jvirt.state.DomainStore;
import org.jvirt.state.StandardCodec;
import org.jvirt.xml.DomainXml;
import org.jvirt.xml.NodeDocument;

/**
 * One connection to the test driver: its own copy of the node (host and domains), so
 * connections never see each other's changes.
 */
final class TestConnection extends ManagedConnection<TestRuntime> {
    TestConnection(NodeDocument node, DriverContext context) {
        this(node, driver(node, context, new TestHypervisor(node.topology())));
    }

    private TestConnection(NodeDocument node, ManagedDriver<TestRuntime> driver) {
        super(new TestHost(node), driver);
        load(node);
    }

    /** Everything in memory: the node's copy is all there is. */
    private static ManagedDriver<TestRuntime> driver(NodeDocument node, DriverContext context,
                                                   Hypervisor<TestRuntime> hypervisor) {
        return new ManagedDriver<>(new DomainList<Active<TestRuntime>>(), hypervisor, DomainStore.inMemory(),
                new StandardCodec(hypervisor, new DomainXml(), new Validator()), node.topology(),
                new FirstNodesNumad(node.topology()), context.events(), ErrorDomain.TEST);
    }

    /** {@code test:///default}: {@link DefaultNode}'s host, its domain defined from the model and running. */
    static TestConnection builtInDefault(DriverContext context) {
        TestConnection c = new TestConnection(DefaultNode.host(), context);
        c.found(c.domains().define(DefaultNode.domain()).domain(), NodeDocument.RunState.RUNNING);
        return c;
    }

    private void load(NodeDocument node) {
        for (NodeDocument.Guest g : node.guests()) {
            if (g.persistent()) {
                found(domains().define(g.domainXml()).domain(), g.state());
            } else {
                boolean paused = g.state() == NodeDocument.RunState.PAUSED;
                domains().create(g.domainXml(), paused ? StartOptions.PAUSED : StartOptions.DEFAULT);
            }
        }
    }

    /** Guests running or paused in the node come up with the reason "unknown", as in libvirt. */
    private void found(DomainSummary defined, NodeDocument.RunState state) {
        if (state != NodeDocument.RunState.SHUTOFF) {
            domains().startAsFound(defined.uuid(), state == NodeDocument.RunState.PAUSED);
        }
    }

    @Override
    public void close() {
        // nothing outlives the connection
    }
}
