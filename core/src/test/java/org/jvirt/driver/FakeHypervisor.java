package org.jvirt.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuInfo;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ValidationContext;

/**
 * A typed {@link Hypervisor} for core's tests: it keeps each domain's thread placement in a
 * {@link Run}, logs every call it gets (and the job guard's enter and exit) in order, and has
 * the capabilities a test gives it. {@link #failPlugOf} makes one vCPU's plug fail.
 */
public final class FakeHypervisor implements Hypervisor<FakeHypervisor.Run> {
    /** The simulated state of one running domain. */
    public static final class Run {
        public final String name;
        public final Map<Integer, CpuSet> vcpus = new TreeMap<>();
        public CpuSet emulator = CpuSet.EMPTY;
        public boolean paused;
        public int bandwidthVcpus;
        public final DomainWatcher watcher;

        Run(String name, DomainWatcher watcher) {
            this.name = name;
            this.watcher = watcher;
        }
    }

    private final List<String> log = new ArrayList<>();
    private String interrupted;
    private final Capabilities<Run> capabilities;
    private int failingPlug = -1;

    private FakeHypervisor(CapabilitySet set) {
        Capabilities<Run> c = Capabilities.lifecycleOnly(set == CapabilitySet.LIFECYCLE
                ? "the fake has the lifecycle only" : "the fake places a domain as a whole");
        switch (set) {
            case ALL -> c = c.withLivePinning(new Pinning()).withVcpuHotplug(new Hotplug()).withThreadView(new View());
            case BANDWIDTH -> c = c.withVcpuBandwidth(new Bandwidth());
            case LIFECYCLE -> { }
        }
        this.capabilities = c;
    }

    /** Which capabilities a fake has. */
    public enum CapabilitySet {
        /** Live pinning, vCPU hotplug, thread view: a VM driver. */
        ALL,
        /** vCPU bandwidth only: a container driver. */
        BANDWIDTH,
        /** Nothing but the lifecycle. */
        LIFECYCLE
    }

    public static FakeHypervisor with(CapabilitySet set) {
        return new FakeHypervisor(set);
    }

    /** Every call so far, in order. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    public synchronized void clearLog() {
        log.clear();
    }

    /** The plug of {@code vcpu} fails with OPERATION_FAILED (nothing changes). */
    public FakeHypervisor failPlugOf(int vcpu) {
        failingPlug = vcpu;
        return this;
    }

    private synchronized void note(String call) {
        log.add(call);
    }

    @Override
    public String type() {
        return "FAKE";
    }

    @Override
    public Capabilities<Run> capabilities() {
        return capabilities;
    }

    @Override
    public DomainDef postParse(DomainDef def) {
        return def;
    }

    @Override
    public void validate(DomainDef def) {
        note("validate");
    }

    @Override
    public ValidationContext validationContext(DomainDef def) {
        return capabilities.placesThreads() ? ValidationContext.vm() : ValidationContext.container();
    }

    @Override
    public boolean cpuControllerAvailable() {
        return true;
    }

    @Override
    public Started<Run> start(StartRequest request) {
        note("start " + request.name());
        Run run = new Run(request.name(), request.watcher());
        run.paused = request.paused();
        run.emulator = request.pinning().emulator().cpus();
        for (int id = 0; id < request.def().vcpu().max(); id++) {
            if (request.def().vcpu().isOnline(id)) {
                run.vcpus.put(id, request.pinning().vcpu(id).cpus());
            }
        }
        run.bandwidthVcpus = request.def().vcpu().current();
        return new Started<>(run, request.def());
    }

    @Override
    public void destroy(Run runtime) {
        note("destroy " + runtime.name);
    }

    @Override
    public boolean shutdown(Run runtime) {
        note("shutdown " + runtime.name);
        return true;
    }

    @Override
    public void reboot(Run runtime) {
        note("reboot " + runtime.name);
    }

    @Override
    public void suspend(Run runtime) {
        note("suspend " + runtime.name);
        runtime.paused = true;
    }

    @Override
    public void resume(Run runtime) {
        note("resume " + runtime.name);
        runtime.paused = false;
    }

    @Override
    public long cpuTimeNanos(Run runtime) {
        return 0;
    }

    @Override
    public RuntimeRecord record(Run runtime) {
        note("record " + runtime.name);
        return new RuntimeRecord(4242, 17, Map.of("fake.vcpus", Integer.toString(runtime.vcpus.size())));
    }

    /** The next job guard says a process died during job {@code job} (until a job resolves it). */
    public synchronized FakeHypervisor interruptedBefore(String job) {
        interrupted = job;
        return this;
    }

    /** A runtime of a domain another process started, as a connection taking it over makes it. */
    public Run attach(String name, DomainWatcher watcher) {
        note("attach " + name);
        return new Run(name, watcher);
    }

    @Override
    public JobGuard jobGuard(String name, String job) {
        note("enter " + name);
        return new JobGuard() {
            @Override
            public java.util.Optional<String> interruptedJob() {
                synchronized (FakeHypervisor.this) {
                    return java.util.Optional.ofNullable(interrupted);
                }
            }

            @Override
            public void resolved() {
                synchronized (FakeHypervisor.this) {
                    interrupted = null;
                }
            }

            @Override
            public void close() {
                note("exit " + name);
            }
        };
    }

    @Override
    public boolean follow(Run runtime, org.jvirt.xml.DomainStatus status) {
        note("follow " + runtime.name);
        return true;
    }

    @Override
    public void forget(Run runtime) {
        note("forget " + runtime.name);
    }

    @Override
    public DomainDef reconcile(Run runtime, DomainDef live,
                               java.util.function.Function<DomainDef, org.jvirt.pinning.EffectivePinning> resolve) {
        note("reconcile " + runtime.name);
        org.jvirt.pinning.EffectivePinning p = resolve.apply(live);
        runtime.vcpus.replaceAll((id, cpus) -> p.vcpu(id).cpus());
        return live;
    }

    private final class Pinning implements LivePinning<Run> {
        @Override
        public void pinVcpu(Run runtime, int vcpu, CpuSet cpus) {
            note("pinVcpu " + vcpu + " " + cpus.format());
            runtime.vcpus.put(vcpu, cpus);
        }

        @Override
        public void pinEmulator(Run runtime, CpuSet cpus) {
            note("pinEmulator " + cpus.format());
            runtime.emulator = cpus;
        }

        @Override
        public void pinIothread(Run runtime, int iothread, CpuSet cpus) {
            note("pinIothread " + iothread + " " + cpus.format());
        }
    }

    private final class Hotplug implements VcpuHotplug<Run> {
        @Override
        public void plug(Run runtime, List<VcpuPlug> plugs, Consumer<VcpuPlug> plugged) {
            note("plan " + plugs.stream().map(p -> Integer.toString(p.vcpu())).collect(java.util.stream.Collectors.joining(" ")));
            for (VcpuPlug plug : plugs) {
                note("plug " + plug.vcpu() + " " + plug.placement().cpus().format() + " " + plug.placement().reason());
                if (plug.vcpu() == failingPlug) {
                    throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.NONE, "plug of %d refused", plug.vcpu());
                }
                runtime.vcpus.put(plug.vcpu(), plug.placement().cpus());
                plugged.accept(plug);
            }
        }

        @Override
        public void unplug(Run runtime, int vcpu) {
            note("unplug " + vcpu);
            runtime.vcpus.remove(vcpu);
        }

        @Override
        public boolean canUnplug(DomainDef live, int vcpu) {
            return vcpu != 0 && live.vcpu().isOnline(vcpu);
        }
    }

    private final class Bandwidth implements VcpuBandwidth<Run> {
        @Override
        public void applyVcpuCount(Run runtime, DomainDef newLive, org.jvirt.pinning.ResolvedSet allowed) {
            note("applyVcpuCount " + newLive.vcpu().current() + " on " + allowed.cpus().format());
            runtime.bandwidthVcpus = newLive.vcpu().current();
        }
    }

    private final class View implements ThreadView<Run> {
        @Override
        public List<ThreadPlacement> threadPlacements(Run runtime, DomainDef live) {
            List<ThreadPlacement> out = new ArrayList<>();
            runtime.vcpus.forEach((id, cpus) -> out.add(new ThreadPlacement(100 + id, "vcpu" + id,
                    ThreadPlacement.Kind.VCPU, id, cpus, Optional.empty(), Optional.empty())));
            return out;
        }

        @Override
        public List<VcpuInfo> vcpuInfo(Run runtime, DomainDef live) {
            List<VcpuInfo> out = new ArrayList<>();
            runtime.vcpus.forEach((id, cpus) -> out.add(new VcpuInfo(id, OptionalInt.of(cpus.first()),
                    Optional.of("running"), 0, cpus)));
            return out;
        }
    }
}
