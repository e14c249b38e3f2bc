package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.jvirt.model.Address;
import org.jvirt.model.CharDevice;
import org.jvirt.model.Clock;
import org.jvirt.model.Controller;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.Device;
import org.jvirt.model.Devices;
import org.jvirt.model.Disk;
import org.jvirt.model.DiskSource;
import org.jvirt.model.DomainDef;
import org.jvirt.model.DomainMemory;
import org.jvirt.model.EmulatorPin;
import org.jvirt.model.Extras;
import org.jvirt.model.Features;
import org.jvirt.model.Filesystem;
import org.jvirt.model.Graphics;
import org.jvirt.model.Input;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.Iothreads;
import org.jvirt.model.Lifecycle;
import org.jvirt.model.LifecycleAction;
import org.jvirt.model.MemBalloon;
import org.jvirt.model.MemTune;
import org.jvirt.model.NetInterface;
import org.jvirt.model.OpaqueNode;
import org.jvirt.model.OsDef;
import org.jvirt.model.Placement;
import org.jvirt.model.Rng;
import org.jvirt.model.SchedPolicy;
import org.jvirt.model.ThreadSched;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuEntry;
import org.jvirt.model.VcpuPin;
import org.jvirt.model.Video;
import org.jvirt.model.Watchdog;

/**
 * Random valid definitions (fixed seeds) survive format, parse, format: the text is a fixed
 * point and the parts the parser does not default come back equal. A failure prints the seed
 * and the XML.
 */
class RandomRoundTripTest {
    private static final DomainXml XML = new DomainXml();
    private static final int CASES = 300;

    @Test
    void randomDefinitionsRoundTrip() {
        for (long seed = 1; seed <= CASES; seed++) {
            DomainDef def = new Generator(new Random(seed)).domain();
            String first = null;
            try {
                first = XML.write(def);
                DomainDef parsed = XML.read(first).def();
                String second = XML.write(parsed);
                String third = XML.write(XML.read(second).def());
                assertThat(third).isEqualTo(second);
                assertThat(parsed.devices()).isEqualTo(def.devices());
                assertThat(parsed.cputune()).isEqualTo(def.cputune());
                assertThat(parsed.memory()).isEqualTo(def.memory());
                assertThat(parsed.memtune()).isEqualTo(def.memtune());
                assertThat(parsed.vcpu().entries()).isEqualTo(def.vcpu().entries());
                assertThat(parsed.vcpu().cpuset()).isEqualTo(def.vcpu().cpuset());
                assertThat(parsed.iothreads()).isEqualTo(def.iothreads());
                assertThat(parsed.clock()).isEqualTo(def.clock());
                assertThat(parsed.lifecycle()).isEqualTo(def.lifecycle());
                assertThat(parsed.features()).isEqualTo(def.features());
                assertThat(parsed.extras()).isEqualTo(def.extras());
                assertThat(parsed.uuid()).isEqualTo(def.uuid());
            } catch (AssertionError | RuntimeException e) {
                fail("seed " + seed + " failed: " + e + "\ninput:\n" + first, e);
            }
        }
    }

    /** Builds random but valid definitions. */
    private static final class Generator {
        private final Random r;

        Generator(Random r) {
            this.r = r;
        }

        DomainDef domain() {
            int max = 1 + r.nextInt(32);
            List<VcpuEntry> entries = new ArrayList<>();
            for (int i = 0; i < max; i++) {
                boolean on = i == 0 || r.nextBoolean();
                entries.add(new VcpuEntry(i, on, !on || (i > 0 && r.nextInt(4) == 0), 0));
            }
            Optional<CpuSet> cpuset = r.nextBoolean() ? Optional.of(set(64)) : Optional.empty();
            Vcpu vcpu = new Vcpu(max, Placement.STATIC, cpuset, entries, r.nextBoolean(), Extras.NONE);
            Iothreads io = iothreads();
            long mem = 1 + (r.nextLong() & 0xffffffffffL);
            return DomainDef.builder("dom-" + r.nextInt(1000)).type(pick("kvm", "qemu", "test"))
                    .uuid(new UUID(r.nextLong(), r.nextLong()))
                    .title(r.nextBoolean() ? Optional.of(text()) : Optional.empty())
                    .description(r.nextBoolean() ? Optional.of(text()) : Optional.empty())
                    .memory(new DomainMemory(mem, 1 + (mem - 1) / (1 + r.nextInt(4)), r.nextBoolean()
                            ? Optional.of(new DomainMemory.MaxMemory(mem * 2, r.nextInt(16))) : Optional.empty()))
                    .memtune(r.nextBoolean() ? Optional.of(new MemTune(optLong(), optLong(), optLong(), optLong(),
                            Extras.NONE)) : Optional.empty())
                    .vcpu(vcpu).iothreads(io).cputune(cputune(max, io))
                    .os(os())
                    .features(r.nextBoolean() ? Optional.of(features()) : Optional.empty())
                    .clock(clock())
                    .lifecycle(new Lifecycle(action(), action(), action()))
                    .devices(devices())
                    .extras(r.nextInt(3) == 0 ? extras() : Extras.NONE)
                    .build();
        }

        private Iothreads iothreads() {
            int n = r.nextInt(5);
            List<Integer> ids = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                ids.add(i);
            }
            return new Iothreads(n, ids, n > 0 && r.nextBoolean());
        }

        private CpuTune cputune(int max, Iothreads io) {
            List<VcpuPin> pins = new ArrayList<>();
            for (int i = 0; i < max; i++) {
                if (r.nextInt(3) == 0) {
                    pins.add(new VcpuPin(i, set(128)));
                }
            }
            List<IothreadPin> ioPins = new ArrayList<>();
            for (int id : io.ids()) {
                if (r.nextBoolean()) {
                    ioPins.add(new IothreadPin(id, set(16)));
                }
            }
            List<ThreadSched> scheds = new ArrayList<>();
            if (r.nextBoolean()) {
                scheds.add(new ThreadSched(Optional.of(CpuSet.of(0)), SchedPolicy.FIFO, OptionalInt.of(1 + r.nextInt(99))));
            }
            return new CpuTune(optLong(), optLong(), r.nextBoolean() ? OptionalLong.of(-1) : optLong(), optLong(),
                    optLong(), optLong(), optLong(), optLong(), optLong(), pins,
                    r.nextBoolean() ? Optional.of(new EmulatorPin(set(8))) : Optional.empty(), ioPins,
                    r.nextBoolean() ? Optional.of(new ThreadSched(Optional.empty(), SchedPolicy.BATCH, OptionalInt.empty()))
                            : Optional.empty(), scheds, List.of(), Extras.NONE);
        }

        private OsDef os() {
            if (r.nextInt(4) == 0) {
                return new OsDef(new OsDef.OsType("exe", Optional.of("x86_64"), Optional.empty(), Extras.NONE),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        List.of(), Optional.of("/sbin/init"), List.of(text(), text()),
                        List.of(new OsDef.InitEnv("A", text())), Optional.of("/"), Optional.empty(), Extras.NONE);
            }
            return new OsDef(new OsDef.OsType("hvm", Optional.of(pick("x86_64", "aarch64")), Optional.of("q35"),
                    Extras.NONE), r.nextBoolean() ? Optional.of(new OsDef.Loader(Optional.of("/fw.fd"),
                    Optional.of(true), Optional.empty(), Optional.of("pflash"), Extras.NONE)) : Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    r.nextBoolean() ? List.of("cdrom", "hd") : List.of("network"), Optional.empty(), List.of(),
                    List.of(), Optional.empty(), Optional.empty(), Extras.NONE);
        }

        private Features features() {
            List<Features.Flag> flags = new ArrayList<>();
            for (String name : Features.KNOWN) {
                if (r.nextInt(3) == 0) {
                    boolean presence = Features.PRESENCE.contains(name);
                    flags.add(new Features.Flag(name, presence || r.nextBoolean() ? Optional.empty()
                            : Optional.of(pick("on", "off"))));
                }
            }
            return new Features(flags, Extras.NONE);
        }

        private Clock clock() {
            List<Clock.Timer> timers = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                timers.add(new Clock.Timer(pick("rtc", "pit", "hpet"), r.nextBoolean() ? Optional.of(r.nextBoolean())
                        : Optional.empty(), Optional.of(pick("delay", "catchup")), Optional.empty(), Extras.NONE));
            }
            return new Clock(pick("utc", "localtime"), Optional.empty(), Optional.empty(), Optional.empty(), timers,
                    Extras.NONE);
        }

        private Devices devices() {
            List<Device> list = new ArrayList<>();
            List<Disk> disks = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                disks.add(disk());
            }
            // disks as libvirt orders them, which is how they are read back
            for (int i : DiskOrder.order(disks.stream().map(d -> new DiskOrder.Key(d.target().bus().orElse(""),
                    d.target().dev())).toList())) {
                list.add(disks.get(i));
            }
            if (r.nextBoolean()) {
                list.add(new Controller("usb", OptionalInt.of(0), Optional.of("qemu-xhci"), address(), Extras.NONE));
            }
            if (r.nextBoolean()) {
                list.add(new Filesystem("mount", Optional.of("passthrough"), Optional.of("/src"), "/dst",
                        r.nextBoolean(), Optional.empty(), Extras.NONE));
            }
            if (r.nextBoolean()) {
                list.add(new NetInterface("network", Optional.of("52:54:00:00:00:01"),
                        Optional.of(new NetInterface.Source(Optional.of("default"), Optional.empty(), Optional.empty(),
                                Optional.empty(), Extras.NONE)), Optional.empty(), Optional.of("virtio"),
                        OptionalInt.empty(), address(), Extras.NONE));
            }
            if (r.nextBoolean()) {
                list.add(new CharDevice(CharDevice.Kind.SERIAL, "pty", Optional.empty(), Optional.of(
                        new CharDevice.Target(Optional.empty(), OptionalInt.of(0), Optional.empty(), Extras.NONE)),
                        Optional.empty(), Extras.NONE));
            }
            if (r.nextBoolean()) {
                list.add(new Input("tablet", Optional.of("usb"), Optional.empty(), Extras.NONE));
            }
            if (r.nextBoolean()) {
                list.add(new Graphics("vnc", OptionalInt.of(-1), Optional.of(true), Optional.of("127.0.0.1"), Optional.empty(),
                        List.of(new Graphics.Listen("address", Optional.of("127.0.0.1"), Optional.empty(),
                                Optional.empty(), Extras.NONE)), Extras.NONE));
            }
            if (r.nextBoolean()) {
                list.add(new Video(Optional.of(new Video.Model("qxl", OptionalLong.empty(), OptionalLong.of(65536),
                        OptionalInt.of(1), Optional.empty(), Extras.NONE)), Optional.empty(), Extras.NONE));
            }
            if (r.nextBoolean()) {
                list.add(new Watchdog("i6300esb", Optional.of("reset"), Optional.empty(), Extras.NONE));
            }
            if (r.nextBoolean()) {
                list.add(new MemBalloon("virtio", Optional.empty(), Extras.NONE));
            }
            if (r.nextBoolean()) {
                list.add(new Rng("virtio", Optional.of(new Rng.Backend("random", Optional.of("/dev/urandom"),
                        Extras.NONE)), Optional.empty(), Extras.NONE));
            }
            return new Devices(r.nextBoolean() ? Optional.of("/usr/bin/qemu-system-x86_64") : Optional.empty(), list,
                    r.nextBoolean() ? extras() : Extras.NONE);
        }

        private Disk disk() {
            String type = pick("file", "block", "network");
            DiskSource source = switch (type) {
                case "file" -> new DiskSource.File(Optional.of("/img/" + r.nextInt(100) + ".qcow2"), Extras.NONE);
                case "block" -> new DiskSource.Block(Optional.of("/dev/sd" + (char) ('a' + r.nextInt(26))), Extras.NONE);
                default -> new DiskSource.Network("rbd", Optional.of("pool/img"), List.of(new DiskSource.Host(
                        Optional.of("mon"), Optional.of("6789"), Optional.empty(), Optional.empty())), Extras.NONE);
            };
            return new Disk(type, pick("disk", "cdrom"), Optional.of(new Disk.Driver(Optional.of("qemu"),
                    Optional.of("raw"), Optional.empty(), Extras.NONE)), Optional.of(source),
                    new Disk.Target("vd" + (char) ('a' + r.nextInt(26)), Optional.of("virtio"), Extras.NONE),
                    r.nextBoolean(), r.nextBoolean(), r.nextBoolean() ? Optional.of("S" + r.nextInt(999)) : Optional.empty(),
                    OptionalInt.empty(), address(), Extras.NONE);
        }

        private Optional<Address> address() {
            return r.nextBoolean() ? Optional.empty() : Optional.of(new Address("pci", List.of(
                    new OpaqueNode.Attribute("", "", "bus", "0x00"),
                    new OpaqueNode.Attribute("", "", "slot", "0x0" + r.nextInt(10)))));
        }

        private Extras extras() {
            OpaqueNode.Element unknown = new OpaqueNode.Element("r", "urn:random", "thing",
                    List.of(new OpaqueNode.Attribute("", "", "k", text())),
                    List.of(new OpaqueNode.Text(text())));
            return new Extras(List.of(), List.of(new Extras.Placed("", unknown)));
        }

        private CpuSet set(int width) {
            CpuSet s = CpuSet.EMPTY;
            for (int i = 1 + r.nextInt(4); i > 0; i--) {
                int a = r.nextInt(width);
                s = s.union(CpuSet.range(a, Math.min(width - 1, a + r.nextInt(4))));
            }
            return s;
        }

        private OptionalLong optLong() {
            return r.nextBoolean() ? OptionalLong.of(1 + r.nextInt(1_000_000)) : OptionalLong.empty();
        }

        private LifecycleAction action() {
            return LifecycleAction.values()[r.nextInt(LifecycleAction.values().length)];
        }

        private String text() {
            String alphabet = "abc XYZ&<>'\"\u00e9-_/.09";
            StringBuilder b = new StringBuilder();
            for (int i = 1 + r.nextInt(12); i > 0; i--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            return b.toString().strip().isEmpty() ? "t" : b.toString().strip();
        }

        @SafeVarargs
        private <T> T pick(T... options) {
            return options[r.nextInt(options.length)];
        }
    }
}
