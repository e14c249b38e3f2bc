package org.jvirt.daemon.calls;

import java.util.EnumSet;
import static org.jvirt.daemon.rpc.CallTable.Kind.READ;
import static org.jvirt.daemon.rpc.CallTable.Kind.WRITE;
import static org.jvirt.protocol.remote.RemoteProgram.*;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.IothreadInfo;
import org.jvirt.SetVcpusOptions;
import org.jvirt.VcpuCount;
import org.jvirt.VcpuInfo;
import org.jvirt.daemon.rpc.CallTable;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.protocol.remote.RemoteMessages.CpuMaps;
import org.jvirt.protocol.remote.RemoteMessages.GetVcpusResult;
import org.jvirt.protocol.remote.RemoteMessages.IothreadInfoResult;

/** vCPU counts and hotplug, and the pinning of vCPUs, emulator and I/O threads. */
public final class VcpuCalls {
    /** virDomainVcpuFlags beyond the affect bits. */
    private static final int VCPU_MAXIMUM = 4;
    private static final int VCPU_GUEST = 8;
    private static final int VCPU_HOTPLUGGABLE = 16;
    private static final int AFFECT = Wire.AFFECT_LIVE | Wire.AFFECT_CONFIG;
    /** virVcpuState. */
    private static final int VCPU_OFFLINE = 0;
    private static final int VCPU_RUNNING = 1;
    private static final int VCPU_BLOCKED = 2;

    private VcpuCalls() {
    }

    public static void register(CallTable t) {
        // the flag-less calls: CURRENT, the live definition of a running domain (as libvirt) and
        // the persistent one of a stopped domain (as jvirsh without flags)
        t.add(DOMAIN_PIN_VCPU, WRITE, (c, a) -> {
            c.domain(a.dom()).pinVcpu(a.vcpu(), Wire.cpuset(a.cpumap()), Affect.CURRENT);
            return null;
        });
        t.add(DOMAIN_SET_VCPUS, WRITE, (c, a) -> {
            c.domain(a.dom()).setVcpus(a.count(), SetVcpusOptions.of(Affect.CURRENT));
            return null;
        });
        t.add(DOMAIN_PIN_VCPU_FLAGS, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainPinVcpuFlags");
            c.domain(a.dom()).pinVcpu(a.vcpu(), Wire.cpuset(a.cpumap()), Wire.affect(a.flags()));
            return null;
        });
        t.add(DOMAIN_PIN_EMULATOR, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainPinEmulator");
            c.domain(a.dom()).pinEmulator(Wire.cpuset(a.cpumap()), Wire.affect(a.flags()));
            return null;
        });
        t.add(DOMAIN_PIN_IOTHREAD, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainPinIOThread");
            c.domain(a.dom()).pinIothread(a.iothreadId(), Wire.cpuset(a.cpumap()), Wire.affect(a.flags()));
            return null;
        });
        t.add(DOMAIN_SET_VCPUS_FLAGS, WRITE, (c, a) -> {
            int f = a.flags();
            Wire.checkFlags(f, AFFECT | VCPU_MAXIMUM | VCPU_GUEST | VCPU_HOTPLUGGABLE, "virDomainSetVcpusFlags");
            EnumSet<SetVcpusOptions.Flag> flags = EnumSet.noneOf(SetVcpusOptions.Flag.class);
            if ((f & VCPU_MAXIMUM) != 0) {
                flags.add(SetVcpusOptions.Flag.MAXIMUM);
            }
            if ((f & VCPU_HOTPLUGGABLE) != 0) {
                flags.add(SetVcpusOptions.Flag.HOTPLUGGABLE);
            }
            if ((f & VCPU_GUEST) != 0) {
                flags.add(SetVcpusOptions.Flag.GUEST);
            }
            SetVcpusOptions o = new SetVcpusOptions(Wire.affect(f), flags);
            c.domain(a.dom()).setVcpus(a.count(), o);
            return null;
        });
        t.add(DOMAIN_SET_VCPU, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainSetVcpu");
            c.domain(a.dom()).setVcpu(CpuSet.parse(a.cpumap(), "vCPU list"), a.state() != 0,
                    Wire.affect(a.flags()));
            return null;
        });
        t.add(DOMAIN_GET_VCPUS_FLAGS, READ, (c, a) -> vcpuCount(c.domain(a.dom()), a.flags()));
        t.add(DOMAIN_GET_MAX_VCPUS, READ, (c, d) -> {
            Domain dom = c.domain(d);
            return vcpuCount(dom, Wire.AFFECT_LIVE * (dom.isActive() ? 1 : 0) | VCPU_MAXIMUM);
        });
        t.add(DOMAIN_GET_VCPUS, READ, (c, a) -> vcpus(c.domain(a.dom()), a.maxinfo(), a.maplen()));
        t.add(DOMAIN_GET_VCPU_PIN_INFO, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainGetVcpuPinInfo");
            Wire.checkMaplen(a.maplen());
            List<CpuSet> pins = c.domain(a.dom()).vcpuPinInfo(Wire.affect(a.flags()));
            int n = Math.min(Math.max(0, a.ncpumaps()), pins.size());
            return maps(pins.subList(0, n), a.maplen());
        });
        t.add(DOMAIN_GET_EMULATOR_PIN_INFO, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainGetEmulatorPinInfo");
            Wire.checkMaplen(a.maplen());
            return maps(List.of(c.domain(a.dom()).emulatorPinInfo(Wire.affect(a.flags()))), a.maplen());
        });
        t.add(DOMAIN_GET_IOTHREAD_INFO, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainGetIOThreadInfo");
            Domain d = c.domain(a.dom());
            int maplen = (c.conn().hostTopology().cpuMapWidth() + 7) / 8;
            List<org.jvirt.protocol.remote.RemoteMessages.IothreadInfo> out = new ArrayList<>();
            for (IothreadInfo i : d.iothreadInfo(Wire.affect(a.flags()))) {
                out.add(new org.jvirt.protocol.remote.RemoteMessages.IothreadInfo(i.id(),
                        Wire.cpumap(i.affinity(), maplen)));
            }
            return new IothreadInfoResult(out, out.size());
        });
    }

    private static CpuMaps maps(List<CpuSet> sets, int maplen) {
        byte[] all = new byte[sets.size() * maplen];
        for (int i = 0; i < sets.size(); i++) {
            Wire.cpumap(sets.get(i), all, i * maplen, maplen);
        }
        return new CpuMaps(all, sets.size());
    }

    /** virDomainGetVcpusFlags: one of the four counts of vcpucount. */
    static int vcpuCount(Domain d, int flags) {
        Wire.checkFlags(flags, AFFECT | VCPU_MAXIMUM | VCPU_GUEST, "virDomainGetVcpusFlags");
        if ((flags & VCPU_GUEST) != 0) {
            throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.DOMAIN_CONF,
                    "jvirt has no guest agent: the guest's own vCPU count is not available");
        }
        Affect affect = Wire.affect(flags);
        if (affect.live() && affect.config()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN_CONF,
                    "flags 'affect live' and 'affect config' are mutually exclusive");
        }
        boolean live = affect.resolve(d.isActive()).live();
        boolean max = (flags & VCPU_MAXIMUM) != 0;
        VcpuCount n = d.vcpuCount();
        OptionalInt v = live ? (max ? n.maximumLive() : n.currentLive()) : (max ? n.maximumConfig() : n.currentConfig());
        if (v.isEmpty()) {
            throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN_CONF,
                    live ? "domain is not running" : "transient domains do not have any persistent config");
        }
        return v.getAsInt();
    }

    /** virDomainGetVcpus: the online vCPUs of a running domain, where each runs and may run. */
    private static GetVcpusResult vcpus(Domain d, int maxinfo, int maplen) {
        if (!d.isActive()) {
            throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN_CONF,
                    "cannot list vcpus for an inactive domain");
        }
        if (maxinfo < 1 || maxinfo > org.jvirt.protocol.Limits.MAX_VCPUINFO) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN_CONF,
                    "maxinfo must be between 1 and %d, got %d", org.jvirt.protocol.Limits.MAX_VCPUINFO, maxinfo);
        }
        if (maplen != 0) {
            Wire.checkMaplen(maplen);
        }
        List<VcpuInfo> all = d.vcpuInfo();
        int n = Math.min(maxinfo, all.size());
        List<org.jvirt.protocol.remote.RemoteMessages.VcpuInfo> info = new ArrayList<>(n);
        byte[] maps = new byte[n * maplen];
        for (int i = 0; i < n; i++) {
            VcpuInfo v = all.get(i);
            int state = v.state().map(s -> s.equals("running") ? VCPU_RUNNING : s.equals("offline") ? VCPU_OFFLINE
                    : VCPU_BLOCKED).orElse(VCPU_RUNNING);
            info.add(new org.jvirt.protocol.remote.RemoteMessages.VcpuInfo(v.vcpu(), state, v.cpuTimeNanos(),
                    v.cpu().orElse(-1)));
            if (maplen > 0) {
                Wire.cpumap(v.affinity(), maps, i * maplen, maplen);
            }
        }
        return new GetVcpusResult(info, maps);
    }
}
