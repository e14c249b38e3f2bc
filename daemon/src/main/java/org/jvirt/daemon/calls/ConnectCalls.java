package org.jvirt.daemon.calls;

import java.util.EnumSet;
import static org.jvirt.daemon.rpc.CallTable.Kind.PRE_OPEN;
import static org.jvirt.daemon.rpc.CallTable.Kind.READ;
import static org.jvirt.daemon.rpc.CallTable.Kind.WRITE;
import static org.jvirt.protocol.remote.RemoteProgram.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.ListFilter;
import org.jvirt.StartOptions;
import org.jvirt.Version;
import org.jvirt.daemon.drivers.DriverPool;
import org.jvirt.daemon.rpc.Call;
import org.jvirt.daemon.rpc.CallTable;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.protocol.remote.Features;
import org.jvirt.protocol.remote.RemoteMessages.ListAllArgs;
import org.jvirt.protocol.remote.RemoteMessages.ListAllResult;
import org.jvirt.protocol.remote.RemoteMessages.NodeCpuMap;
import org.jvirt.protocol.remote.RemoteMessages.NodeInfo;
import org.jvirt.protocol.remote.RemoteMessages.SecurityModel;

/** The connection-level calls: open, features, host facts, lists, lookups, define and create. */
public final class ConnectCalls {
    /** virConnectFlags: read-only. */
    private static final int CONNECT_RO = 1;
    /** REMOTE_AUTH_NONE: jvirtd's access is decided by the socket and SO_PEERCRED, or by TLS. */
    private static final int AUTH_NONE = 0;
    /** virDrvFeature numbers jvirtd supports (keepalive, per-callback events, close callback, string params). */
    private static final List<Integer> FEATURES = List.of(Features.KEEPALIVE, Features.REMOTE_EVENT_CALLBACK,
            Features.REMOTE_CLOSE_CALLBACK, Features.TYPED_PARAM_STRING);
    /** virConnectListAllDomainsFlags. */
    private static final int LIST_ACTIVE = 1;
    private static final int LIST_INACTIVE = 2;
    private static final int LIST_PERSISTENT = 4;
    private static final int LIST_TRANSIENT = 8;
    private static final int LIST_MANAGEDSAVE = 16;
    private static final int LIST_NO_MANAGEDSAVE = 32;
    private static final int LIST_AUTOSTART = 64;
    private static final int LIST_NO_AUTOSTART = 128;
    private static final int LIST_HAS_SNAPSHOT = 256;
    private static final int LIST_NO_SNAPSHOT = 512;
    private static final int LIST_RUNNING = 1024;
    private static final int LIST_PAUSED = 2048;
    private static final int LIST_SHUTOFF = 4096;
    private static final int LIST_OTHER = 8192;
    private static final int LIST_HAS_CHECKPOINT = 16384;
    private static final int LIST_NO_CHECKPOINT = 32768;

    private ConnectCalls() {
    }

    public static void register(CallTable t, DriverPool drivers) {
        t.add(AUTH_LIST, PRE_OPEN, (c, a) -> List.of(AUTH_NONE));
        t.add(CONNECT_SUPPORTS_FEATURE, PRE_OPEN, (c, feature) -> {
            if (feature == Features.KEEPALIVE) {
                c.session().enableKeepalive();
            }
            return FEATURES.contains(feature) ? 1 : 0;
        });
        t.add(CONNECT_OPEN, PRE_OPEN, (c, a) -> {
            String uri = a.name().filter(n -> !n.isBlank()).orElseGet(drivers::defaultUri);
            if (!drivers.configured(uri) && c.session().readOnly()) {
                // jvirtd reads a node file with its own rights: only a client that may change things names one
                throw VirtException.of(ErrorCode.OPERATION_DENIED, ErrorDomain.CONNECT,
                        "read only access may open only %s, not a node file", drivers.configuredUris());
            }
            c.session().opened(uri, drivers.get(uri), (a.flags() & CONNECT_RO) != 0,
                    DriverPool.answersFromMemory(uri));
            return null;
        });
        t.add(CONNECT_CLOSE, PRE_OPEN, (c, a) -> {
            c.session().callbacks().clear();
            return null;
        });
        t.add(CONNECT_REGISTER_CLOSE_CALLBACK, READ, (c, a) -> null);
        t.add(CONNECT_UNREGISTER_CLOSE_CALLBACK, READ, (c, a) -> null);
        t.add(CONNECT_GET_TYPE, READ, (c, a) -> c.conn().hypervisorType());
        t.add(CONNECT_GET_VERSION, READ, (c, a) -> number(c.conn().hypervisorVersion()));
        t.add(CONNECT_GET_LIB_VERSION, READ, (c, a) -> number(c.conn().libraryVersion()));
        t.add(CONNECT_GET_HOSTNAME, READ, (c, a) -> c.conn().hostname());
        t.add(CONNECT_GET_CAPABILITIES, READ, (c, a) -> c.conn().capabilitiesXml());
        t.add(NODE_GET_INFO, READ, (c, a) -> nodeInfo(c.conn()));
        t.add(NODE_GET_CPU_MAP, READ, (c, a) -> cpuMap(c.conn(), a.needMap() != 0));
        // jvirt has no security driver (no SELinux/AppArmor labels): an empty model, as libvirt's "none"
        t.add(NODE_GET_SECURITY_MODEL, READ, (c, a) -> new SecurityModel(new byte[0], new byte[0]));
        t.add(CONNECT_LIST_ALL_DOMAINS, READ, (c, a) -> listAll(c.conn(), a));
        t.add(CONNECT_NUM_OF_DOMAINS, READ, (c, a) -> c.conn().listDomains(ListFilter.ACTIVE).size());
        t.add(CONNECT_LIST_DOMAINS, READ, (c, max) -> c.conn().listDomains(ListFilter.ACTIVE).stream()
                .limit(Math.max(0, max)).map(d -> d.id().orElse(-1)).toList());
        t.add(CONNECT_NUM_OF_DEFINED_DOMAINS, READ, (c, a) -> c.conn().listDomains(ListFilter.INACTIVE).size());
        t.add(CONNECT_LIST_DEFINED_DOMAINS, READ, (c, max) -> c.conn().listDomains(ListFilter.INACTIVE).stream()
                .limit(Math.max(0, max)).map(Domain::name).toList());
        t.add(DOMAIN_LOOKUP_BY_NAME, READ, (c, name) -> Wire.ref(c.conn().lookupByName(name)));
        t.add(DOMAIN_LOOKUP_BY_UUID, READ, (c, uuid) -> Wire.ref(c.conn().lookupByUuid(uuid)));
        t.add(DOMAIN_LOOKUP_BY_ID, READ, (c, id) -> Wire.ref(c.conn().lookupById(id)));
        t.add(DOMAIN_DEFINE_XML, WRITE, (c, xml) -> Wire.ref(c.conn().defineXml(xml)));
        t.add(DOMAIN_DEFINE_XML_FLAGS, WRITE, (c, a) -> {
            // VIR_DOMAIN_DEFINE_VALIDATE (1): jvirt always validates
            Wire.checkFlags(a.flags(), 1, "virDomainDefineXMLFlags");
            return Wire.ref(c.conn().defineXml(a.xml()));
        });
        t.add(DOMAIN_CREATE_XML, WRITE, (c, a) -> {
            // VIR_DOMAIN_START_PAUSED (1), VIR_DOMAIN_START_VALIDATE (16)
            Wire.checkFlags(a.flags(), 1 | 16, "virDomainCreateXML");
            return Wire.ref(c.conn().createXml(a.xml(), (a.flags() & 1) != 0 ? StartOptions.PAUSED
                    : StartOptions.DEFAULT));
        });
        t.add(CONNECT_DOMAIN_XML_TO_NATIVE, READ, (c, a) -> c.conn().domainXmlToNative(a.format(), a.xml()));
    }

    /** libvirt's version number: major * 1,000,000 + minor * 1,000 + micro. */
    static long number(Version v) {
        return v.major() * 1_000_000L + v.minor() * 1_000L + v.micro();
    }

    private static NodeInfo nodeInfo(Connection conn) {
        org.jvirt.host.NodeInfo n = conn.nodeInfo();
        byte[] model = n.model().getBytes(StandardCharsets.UTF_8);
        String m = model.length <= 31 ? n.model() : new String(model, 0, 31, StandardCharsets.UTF_8);
        return new NodeInfo(m, n.memoryKiB(), n.cpus(), n.mhz(), n.nodes(), n.sockets(), n.cores(), n.threads());
    }

    private static NodeCpuMap cpuMap(Connection conn, boolean needMap) {
        HostTopology t = conn.hostTopology();
        int width = t.cpuMapWidth();
        var online = t.online().below(width);
        byte[] map = needMap ? Wire.cpumap(online, (width + 7) / 8) : new byte[0];
        return new NodeCpuMap(map, online.size(), width);
    }

    private static ListAllResult listAll(Connection conn, ListAllArgs a) {
        int f = a.flags();
        Wire.checkFlags(f, 0xffff, "virConnectListAllDomains");
        List<org.jvirt.protocol.remote.DomainRef> out = new ArrayList<>();
        EnumSet<ListFilter.Flag> filter = EnumSet.noneOf(ListFilter.Flag.class);
        if ((f & LIST_ACTIVE) != 0) {
            filter.add(ListFilter.Flag.ACTIVE);
        }
        if ((f & LIST_INACTIVE) != 0) {
            filter.add(ListFilter.Flag.INACTIVE);
        }
        if ((f & LIST_PERSISTENT) != 0) {
            filter.add(ListFilter.Flag.PERSISTENT);
        }
        if ((f & LIST_TRANSIENT) != 0) {
            filter.add(ListFilter.Flag.TRANSIENT);
        }
        for (Domain d : conn.listDomains(new ListFilter(filter))) {
            if (accepts(d, f)) {
                out.add(Wire.ref(d));
            }
        }
        // jvirt keeps no managed save images, snapshots or checkpoints, and starts nothing by itself
        boolean none = ((f & LIST_MANAGEDSAVE) != 0 && (f & LIST_NO_MANAGEDSAVE) == 0)
                || ((f & LIST_AUTOSTART) != 0 && (f & LIST_NO_AUTOSTART) == 0)
                || ((f & LIST_HAS_SNAPSHOT) != 0 && (f & LIST_NO_SNAPSHOT) == 0)
                || ((f & LIST_HAS_CHECKPOINT) != 0 && (f & LIST_NO_CHECKPOINT) == 0);
        if (none) {
            out.clear();
        }
        return new ListAllResult(a.needResults() != 0 ? out : List.of(), out.size());
    }

    private static boolean accepts(Domain d, int f) {
        int stateFlags = f & (LIST_RUNNING | LIST_PAUSED | LIST_SHUTOFF | LIST_OTHER);
        if (stateFlags == 0) {
            return true;
        }
        return switch (d.state().state()) {
            case RUNNING -> (f & LIST_RUNNING) != 0;
            case PAUSED -> (f & LIST_PAUSED) != 0;
            case SHUTOFF -> (f & LIST_SHUTOFF) != 0;
            default -> (f & LIST_OTHER) != 0;
        };
    }
}
