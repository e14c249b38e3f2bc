package org.jvirt.bench;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.PinningResolver;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.pinning.Validator;
import org.jvirt.xml.DomainXml;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot paths of define and query: CPU-set syntax, domain XML both ways, validation and
 * pinning resolution of a 64-vCPU domain on a 2-cell host.
 *
 * <pre>java -jar bench/target/jvirt-benchmarks.jar CoreBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreBench {
    private static final String CPUSET = "0-3,^2,8,16-31,^20,40-47,";

    private String xml;
    private DomainDef def;
    private DomainXml codec;
    private HostTopology host;
    private final PinningResolver resolver = new PinningResolver();
    private final Validator validator = new Validator();

    @Setup
    public void setup() {
        StringBuilder pins = new StringBuilder();
        for (int i = 0; i < 64; i += 3) {
            pins.append("<vcpupin vcpu='").append(i).append("' cpuset='").append(i % 16).append("'/>");
        }
        xml = "<domain type='kvm'><name>bench</name><memory unit='GiB'>16</memory>"
                + "<vcpu placement='static' cpuset='0-15,^7' current='48'>64</vcpu><iothreads>4</iothreads>"
                + "<cputune><shares>2048</shares><period>100000</period><quota>50000</quota>" + pins
                + "<emulatorpin cpuset='0-1'/><iothreadpin iothread='1' cpuset='2'/></cputune>"
                + "<os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os>"
                + "<features><acpi/><apic/></features><devices><disk type='file' device='disk'>"
                + "<driver name='qemu' type='qcow2'/><source file='/var/lib/img/bench.qcow2'/>"
                + "<target dev='vda' bus='virtio'/></disk><interface type='network'><source network='default'/>"
                + "<model type='virtio'/></interface></devices></domain>";
        codec = new DomainXml();
        def = codec.read(xml).def();
        host = BenchHosts.twoCells(16);
    }

    @Benchmark
    public CpuSet cpusetParse() {
        return CpuSet.parse(CPUSET);
    }

    @Benchmark
    public String cpusetFormat() {
        return def.vcpu().cpuset().orElseThrow().format();
    }

    @Benchmark
    public DomainDef xmlParse() {
        return codec.read(xml).def();
    }

    @Benchmark
    public String xmlFormat() {
        return codec.write(def);
    }

    @Benchmark
    public Object validate() {
        return validator.validate(def, ValidationContext.vm());
    }

    @Benchmark
    public EffectivePinning resolve() {
        return resolver.resolve(def, host, Optional.empty(), PinningResolver.Mode.LIVE);
    }
}
