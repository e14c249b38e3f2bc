package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuInfo;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.driver.Capabilities;
import org.jvirt.driver.Hypervisor;
import org.jvirt.driver.LivePinning;
import org.jvirt.driver.RuntimeRecord;
import org.jvirt.driver.StartRequest;
import org.jvirt.driver.Started;
import org.jvirt.driver.ThreadView;
import org.jvirt.driver.VcpuHotplug;
import org.jvirt.driver.VcpuPlug;

/**
 * The test driver's "hypervisor": every thread's affinity is simulated, nothing touches the
 * host. Every vCPU but vCPU 0 is its own hotplug entity (as in libvirt's test driver), so any of
 * them can go offline; CPU time is not simulated (always 0).
 */
final class TestHypervisor implements Hypervisor<TestRuntime>, LivePinning<TestRuntime>, VcpuHotplug<TestRuntime>,
        ThreadView<TestRuntime> {
    static final Set<String> TYPES = Set.of("test", "qemu", "kvm", "lxc");

    @Override
    public String type() {
        return "TEST";
    }

    /** Everything a VM driver can do, simulated. */
    @Override
    public Capabilities<TestRuntime> capabilities() {
        return Capabilities.<TestRuntime>lifecycleOnly("").withLivePinning(this).withVcpuHotplug(this)
                .withThreadView(this);
    }

    private final String arch;
    private final org.jvirt.driver.Tuning<TestRuntime> tuning;

    TestHypervisor(org.jvirt.host.HostTopology host) {
        this.arch = host.arch();
        this.tuning = new TestTuning(host).tuning();
    }

    @Override
    public org.jvirt.driver.Tuning<TestRuntime> tuning() {
        return tuning;
    }

    /** The guest architecture defaults to the host's, as libvirt's test driver does. */
    @Override
    public DomainDef postParse(DomainDef def) {
        if (def.os().type().arch().isPresent()) {
            return def;
        }
        return def.withOs(def.os().withType(def.os().type().withArch(arch)));
    }

    @Override
    public void validate(DomainDef def) {
        if (!TYPES.contains(def.type())) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.TEST,
                    "domain type '%s' is not supported by the test driver (it takes %s)", def.type(),
                    String.join(", ", TYPES.stream().sorted().toList()));
        }
    }

    @Override
    public ValidationContext validationContext(DomainDef def) {
        return def.type().equals("lxc") ? ValidationContext.container() : ValidationContext.vm();
    }

    @Override
    public boolean cpuControllerAvailable() {
        return true;
    }

    @Override
    public Started<TestRuntime> start(StartRequest request) {
        DomainDef def = request.def();
        EffectivePinning pinning = request.pinning();
        TestRuntime rt = new TestRuntime();
        rt.paused = request.paused();
        rt.emulatorAffinity = pinning.emulator().cpus();
        for (int id = 0; id < def.vcpu().max(); id++) {
            if (def.vcpu().isOnline(id)) {
                rt.vcpuAffinity.put(id, pinning.vcpu(id).cpus());
            }
        }
        for (Map.Entry<Integer, ResolvedSet> e : pinning.iothreads().entrySet()) {
            rt.iothreadAffinity.put(e.getKey(), e.getValue().cpus());
        }
        return new Started<>(rt, def);
    }

    @Override
    public void destroy(TestRuntime rt) {
        rt.running = false;
    }

    @Override
    public boolean shutdown(TestRuntime rt) {
        rt.running = false;
        return true;
    }

    @Override
    public void reboot(TestRuntime rt) {
        rt.paused = false;
    }

    @Override
    public void suspend(TestRuntime rt) {
        rt.paused = true;
    }

    @Override
    public void resume(TestRuntime rt) {
        rt.paused = false;
    }

    @Override
    public long cpuTimeNanos(TestRuntime rt) {
        return 0;
    }

    /** A simulated domain has no host process. */
    @Override
    public RuntimeRecord record(TestRuntime runtime) {
        return RuntimeRecord.NONE;
    }

    @Override
    public void pinVcpu(TestRuntime rt, int vcpu, CpuSet cpus) {
        rt.vcpuAffinity.put(vcpu, cpus);
    }

    @Override
    public void pinEmulator(TestRuntime rt, CpuSet cpus) {
        rt.emulatorAffinity = cpus;
    }

    @Override
    public void pinIothread(TestRuntime rt, int iothread, CpuSet cpus) {
        rt.iothreadAffinity.put(iothread, cpus);
    }

    @Override
    public void plug(TestRuntime rt, List<VcpuPlug> plugs, Consumer<VcpuPlug> plugged) {
        for (VcpuPlug plug : plugs) {
            rt.vcpuAffinity.put(plug.vcpu(), plug.placement().cpus());
            plugged.accept(plug);
        }
    }

    @Override
    public void unplug(TestRuntime rt, int vcpu) {
        rt.vcpuAffinity.remove(vcpu);
    }

    @Override
    public boolean canUnplug(DomainDef live, int vcpu) {
        return vcpu != 0 && live.vcpu().isOnline(vcpu);
    }

    /**
     * The simulated threads, named as QEMU names them; their tids are made up (emulator 1000,
     * vCPU N 1001+N, I/O thread K 2000+K) and there are no cgroups.
     */
    @Override
    public List<ThreadPlacement> threadPlacements(TestRuntime rt, DomainDef live) {
        List<ThreadPlacement> out = new ArrayList<>();
        out.add(new ThreadPlacement(1000, "sim-emulator", ThreadPlacement.Kind.EMULATOR, -1, rt.emulatorAffinity,
                Optional.empty(), Optional.empty()));
        for (Map.Entry<Integer, CpuSet> e : rt.vcpuAffinity.entrySet()) {
            out.add(new ThreadPlacement(1001 + e.getKey(), "CPU " + e.getKey() + "/SIM", ThreadPlacement.Kind.VCPU,
                    e.getKey(), e.getValue(), Optional.empty(), Optional.empty()));
        }
        for (Map.Entry<Integer, CpuSet> e : rt.iothreadAffinity.entrySet()) {
            out.add(new ThreadPlacement(2000 + e.getKey(), "IO iothread" + e.getKey(), ThreadPlacement.Kind.IOTHREAD,
                    e.getKey(), e.getValue(), Optional.empty(), Optional.empty()));
        }
        return out;
    }

    @Override
    public List<VcpuInfo> vcpuInfo(TestRuntime rt, DomainDef live) {
        List<VcpuInfo> out = new ArrayList<>();
        for (Map.Entry<Integer, CpuSet> e : rt.vcpuAffinity.entrySet()) {
            CpuSet affinity = e.getValue();
            out.add(new VcpuInfo(e.getKey(), OptionalInt.of(Math.max(affinity.first(), 0)),
                    Optional.of("running"), 0, affinity));
        }
        return out;
    }
}
