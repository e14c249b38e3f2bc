package org.jvirt.daemon.calls;

import static org.jvirt.protocol.remote.RemoteProgram.*;

import org.jvirt.daemon.rpc.CallTable;

/**
 * The reads jvirtd may answer on its I/O thread when the client's driver keeps its state in
 * memory (the test driver): lookups, a domain's info, state, XML and pinning, the host's CPU map.
 * Each is a few tens of microseconds of work there, less than handing it to a worker and waking
 * that worker costs. Not here: lists (their cost grows with the domains), the hostname (a name
 * service may answer slowly), anything that changes state or talks to a hypervisor.
 */
public final class QuickCalls {
    private QuickCalls() {
    }

    public static void mark(CallTable t) {
        t.quick(CONNECT_GET_TYPE, CONNECT_GET_VERSION, CONNECT_GET_LIB_VERSION,
                NODE_GET_INFO, NODE_GET_CPU_MAP,
                DOMAIN_LOOKUP_BY_NAME, DOMAIN_LOOKUP_BY_UUID, DOMAIN_LOOKUP_BY_ID,
                DOMAIN_GET_INFO, DOMAIN_GET_STATE, DOMAIN_GET_XML_DESC, DOMAIN_IS_ACTIVE, DOMAIN_IS_PERSISTENT,
                DOMAIN_GET_OS_TYPE, DOMAIN_GET_VCPUS_FLAGS, DOMAIN_GET_MAX_VCPUS,
                DOMAIN_GET_VCPU_PIN_INFO, DOMAIN_GET_EMULATOR_PIN_INFO);
    }
}
