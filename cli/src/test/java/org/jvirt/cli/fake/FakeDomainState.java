package org.jvirt.cli.fake;

import org.jvirt.DomainState;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.model.DomainDef;

/** The mutable state of one fake domain (guarded by the connection's lock). */
final class FakeDomainState {
    DomainDef config;
    DomainDef live;
    String xml;
    boolean persistent;
    int id = -1;
    StateInfo state = new StateInfo(DomainState.SHUTOFF, StateReason.UNKNOWN);

    FakeDomainState(DomainDef config, String xml, boolean persistent) {
        this.config = config;
        this.xml = xml;
        this.persistent = persistent;
    }

    boolean active() {
        return state.state().isActive();
    }
}
