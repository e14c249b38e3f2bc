package org.jvirt.driver.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jvirt.Affect;
import org.jvirt.IothreadInfo;
import org.jvirt.SetVcpusOptions;
import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuCount;
import org.jvirt.VcpuInfo;
import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.PinningResolver;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteMessages;
import org.jvirt.protocol.remote.RemoteMessages.CpuMaps;
import org.jvirt.protocol.remote.RemoteMessages.DomainFlags;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.spi.VcpuOps;

/**
 * vCPU counts, hotplug and pinning over the wire, in the calls virsh makes: maps are as wide as
 * the server's CPU map ({@code NODE_GET_CPU_MAP}, asked once per connection).
 */
final class RemoteVcpuOps implements VcpuOps {
    private static final int LIVE = 1;
    private static final int CONFIG = 2;
    private static final int MAXIMUM = 4;
    private static final int GUEST = 8;
    private static final int HOTPLUGGABLE = 16;
    private static final String[] VCPU_STATES = {"offline", "running", "blocked"};

    private final RpcClient rpc;
    private final DomainRefs refs;
    private final RemoteHostOps host;
    private final RemoteDomainOps domains;
    private volatile int cpuMapWidth = -1;

    RemoteVcpuOps(RpcClient rpc, DomainRefs refs, RemoteHostOps host, RemoteDomainOps domains) {
        this.rpc = rpc;
        this.refs = refs;
        this.host = host;
        this.domains = domains;
    }

    private static int flags(Affect a) {
        return (a.live() ? LIVE : 0) | (a.config() ? CONFIG : 0);
    }

    private int maplen() {
        int w = cpuMapWidth;
        if (w < 0) {
            w = rpc.call(RemoteProgram.NODE_GET_CPU_MAP, new RemoteMessages.NodeCpuMapArgs(0, 0, 0)).count();
            cpuMapWidth = w;
        }
        return org.jvirt.driver.remote.CpuMaps.length(w);
    }

    private byte[] map(CpuSet cpus) {
        return org.jvirt.driver.remote.CpuMaps.of(cpus, maplen());
    }

    @Override
    public void pinVcpu(UUID uuid, int vcpu, CpuSet cpus, Affect affect) {
        DomainRef d = refs.get(uuid);
        if (affect.isCurrent()) {
            rpc.call(RemoteProgram.DOMAIN_PIN_VCPU, new RemoteMessages.PinVcpuArgs(d, vcpu, map(cpus)));
        } else {
            rpc.call(RemoteProgram.DOMAIN_PIN_VCPU_FLAGS,
                    new RemoteMessages.PinVcpuFlagsArgs(d, vcpu, map(cpus), flags(affect)));
        }
    }

    @Override
    public List<CpuSet> vcpuPinInfo(UUID uuid, Affect affect) {
        DomainRef d = refs.get(uuid);
        int maplen = maplen();
        int max = rpc.call(RemoteProgram.DOMAIN_GET_VCPUS_FLAGS, new DomainFlags(d, MAXIMUM | flags(affect)));
        CpuMaps maps = rpc.call(RemoteProgram.DOMAIN_GET_VCPU_PIN_INFO,
                new RemoteMessages.VcpuPinInfoArgs(d, max, maplen, flags(affect)));
        return org.jvirt.driver.remote.CpuMaps.split(maps.cpumaps(), maps.count(), maplen);
    }

    @Override
    public void pinEmulator(UUID uuid, CpuSet cpus, Affect affect) {
        rpc.call(RemoteProgram.DOMAIN_PIN_EMULATOR,
                new RemoteMessages.PinEmulatorArgs(refs.get(uuid), map(cpus), flags(affect)));
    }

    @Override
    public CpuSet emulatorPinInfo(UUID uuid, Affect affect) {
        int maplen = maplen();
        CpuMaps m = rpc.call(RemoteProgram.DOMAIN_GET_EMULATOR_PIN_INFO,
                new RemoteMessages.EmulatorPinInfoArgs(refs.get(uuid), maplen, flags(affect)));
        return org.jvirt.driver.remote.CpuMaps.read(m.cpumaps(), 0, maplen);
    }

    @Override
    public void pinIothread(UUID uuid, int iothread, CpuSet cpus, Affect affect) {
        rpc.call(RemoteProgram.DOMAIN_PIN_IOTHREAD,
                new RemoteMessages.PinIothreadArgs(refs.get(uuid), iothread, map(cpus), flags(affect)));
    }

    @Override
    public List<IothreadInfo> iothreadInfo(UUID uuid, Affect affect) {
        RemoteMessages.IothreadInfoResult r = rpc.call(RemoteProgram.DOMAIN_GET_IOTHREAD_INFO,
                new DomainFlags(refs.get(uuid), flags(affect)));
        List<IothreadInfo> out = new ArrayList<>(r.info().size());
        for (RemoteMessages.IothreadInfo i : r.info()) {
            out.add(new IothreadInfo(i.iothreadId(), org.jvirt.driver.remote.CpuMaps.read(i.cpumap(), 0, i.cpumap().length)));
        }
        return out;
    }

    @Override
    public void setVcpus(UUID uuid, int count, SetVcpusOptions options) {
        DomainRef d = refs.get(uuid);
        int flags = flags(options.affect()) | (options.maximum() ? MAXIMUM : 0) | (options.guest() ? GUEST : 0)
                | (options.hotpluggable() ? HOTPLUGGABLE : 0);
        if (flags == 0) {
            rpc.call(RemoteProgram.DOMAIN_SET_VCPUS, new RemoteMessages.DomainCount(d, count));
        } else {
            rpc.call(RemoteProgram.DOMAIN_SET_VCPUS_FLAGS, new RemoteMessages.DomainCountFlags(d, count, flags));
        }
    }

    @Override
    public void setVcpu(UUID uuid, CpuSet ids, boolean enable, Affect affect) {
        rpc.call(RemoteProgram.DOMAIN_SET_VCPU,
                new RemoteMessages.SetVcpuArgs(refs.get(uuid), ids.format(), enable ? 1 : 0, flags(affect)));
    }

    @Override
    public VcpuCount vcpuCount(UUID uuid) {
        DomainRef d = refs.get(uuid);
        boolean[] ap = domains.activeAndPersistent(d);
        CompletableFuture<Integer> maxConfig = ap[1] ? count(d, MAXIMUM | CONFIG) : null;
        CompletableFuture<Integer> maxLive = ap[0] ? count(d, MAXIMUM | LIVE) : null;
        CompletableFuture<Integer> curConfig = ap[1] ? count(d, CONFIG) : null;
        CompletableFuture<Integer> curLive = ap[0] ? count(d, LIVE) : null;
        return new VcpuCount(value(maxConfig), value(maxLive), value(curConfig), value(curLive));
    }

    private CompletableFuture<Integer> count(DomainRef d, int flags) {
        return rpc.callAsync(RemoteProgram.DOMAIN_GET_VCPUS_FLAGS, new DomainFlags(d, flags));
    }

    private OptionalInt value(CompletableFuture<Integer> f) {
        return f == null ? OptionalInt.empty() : OptionalInt.of(rpc.await(f, RemoteProgram.DOMAIN_GET_VCPUS_FLAGS));
    }

    @Override
    public List<VcpuInfo> vcpuInfo(UUID uuid) {
        DomainRef d = refs.get(uuid);
        int maplen = maplen();
        boolean active = domains.activeAndPersistent(d)[0];
        List<VcpuInfo> out = new ArrayList<>();
        if (active) {
            int n = rpc.call(RemoteProgram.DOMAIN_GET_INFO, d).nrVirtCpu();
            RemoteMessages.GetVcpusResult r = rpc.call(RemoteProgram.DOMAIN_GET_VCPUS,
                    new RemoteMessages.GetVcpusArgs(d, n, maplen));
            for (int i = 0; i < r.info().size(); i++) {
                RemoteMessages.VcpuInfo v = r.info().get(i);
                String state = v.state() >= 0 && v.state() < VCPU_STATES.length ? VCPU_STATES[v.state()] : "unknown";
                out.add(new VcpuInfo(v.number(), OptionalInt.of(v.cpu()), Optional.of(state), v.cpuTime(),
                        org.jvirt.driver.remote.CpuMaps.read(r.cpumaps(), i * maplen, maplen)));
            }
            return out;
        }
        int current = rpc.call(RemoteProgram.DOMAIN_GET_VCPUS_FLAGS, new DomainFlags(d, CONFIG));
        List<CpuSet> pins = vcpuPinInfo(uuid, Affect.CONFIG);
        for (int i = 0; i < current && i < pins.size(); i++) {
            out.add(new VcpuInfo(i, OptionalInt.empty(), Optional.empty(), 0, pins.get(i)));
        }
        return out;
    }

    @Override
    public EffectivePinning effectivePinning(UUID uuid, Affect affect) {
        DomainRef d = refs.get(uuid);
        boolean active = domains.activeAndPersistent(d)[0];
        Affect resolved = affect.resolve(active);
        boolean config = resolved.config() && !resolved.live();
        if (resolved.live() && !active) {
            throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.CONNECT,
                    "domain %s is not running: its live pinning does not exist", d.name());
        }
        org.jvirt.model.DomainDef def = domains.definition(uuid, config);
        org.jvirt.host.HostTopology topology = host.topology();
        PinningResolver resolver = new PinningResolver();
        if (!config) {
            try {
                return resolver.resolve(def, topology, Optional.empty(), PinningResolver.Mode.LIVE);
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NUMAD) {
                    throw e;
                }
                // placement='auto': the server keeps numad's advice to itself
            }
        }
        return resolver.resolve(def, topology, Optional.empty(), PinningResolver.Mode.CONFIG);
    }

    @Override
    public List<ThreadPlacement> threadPlacements(UUID uuid) {
        throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.CONNECT,
                "the remote protocol shows no threads of a domain (pincheck needs a local driver on the host)");
    }
}
