package org.jvirt.driver.remote;

import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.protocol.remote.Features;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.protocol.remote.TypedParams;

/**
 * Whether this client says it takes string typed parameters, as libvirt's client library says
 * it: {@link TypedParams#STRING_OKAY} in the flags of the calls that answer typed parameters,
 * when the server supports {@link Features#TYPED_PARAM_STRING}. Without it libvirtd leaves the
 * strings out ({@code numa_nodeset} of GET_NUMA_PARAMETERS). The server is asked once, when a
 * call first needs it (libvirt asks before every such call).
 */
final class StringParams {
    private final RpcClient rpc;
    private volatile Integer flag;

    StringParams(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** {@link TypedParams#STRING_OKAY} when the server sends strings to a client that asks, else 0. */
    int flag() {
        Integer f = flag;
        if (f == null) {
            f = rpc.call(RemoteProgram.CONNECT_SUPPORTS_FEATURE, Features.TYPED_PARAM_STRING) == 1
                    ? TypedParams.STRING_OKAY : 0;
            flag = f;
        }
        return f;
    }
}
