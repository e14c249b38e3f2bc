package org.jvirt.xml;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DomainDef;
import org.jvirt.model.DomainMemory;
import org.jvirt.model.Iothreads;
import org.jvirt.model.NumaTune;
import org.jvirt.model.OpaqueNode;
import org.jvirt.model.UuidText;
import org.jvirt.model.Vcpu;

/** The {@code <domain>} element: which child goes to which codec, and in which order it is written. */
final class DomainCodec {
    static final List<String> ORDER = List.of("name", "uuid", "genid", "title", "description", "metadata",
            "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus",
            "iothreads", "iothreadids", "defaultiothread", "cputune", "numatune", "resource", "sysinfo", "bootloader",
            "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot", "on_crash",
            "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity");

    private DomainCodec() {
    }

    static DomainDef read(XmlNode root, Supplier<UUID> uuids) {
        String type = root.requiredAttr("type", ErrorCode.XML_INVALID, "domain: attribute 'type' is required");
        root.attr("id"); // a running domain's id, as dumpxml prints it: never part of a definition
        XmlNode nameNode = root.requiredChild("name", "domain: element <name> is required");
        DomainDef.Builder b = DomainDef.builder(nameNode.text()).type(type);
        b.uuid(root.child("uuid").map(DomainCodec::uuid).orElseGet(uuids));
        b.title(root.child("title").map(DomainCodec::title));
        b.description(root.childText("description"));
        b.metadata(root.child("metadata").map(DomainCodec::metadata));

        Optional<CpuDef> cpu = root.child("cpu").map(CpuXml::read);
        b.cpu(cpu);
        OptionalLong cellTotal = OptionalLong.empty();
        if (cpu.isPresent() && !cpu.get().numaCells().isEmpty()) {
            long sum = 0;
            for (CpuDef.NumaCell c : cpu.get().numaCells()) {
                sum += c.memoryKiB();
            }
            cellTotal = OptionalLong.of(sum);
        }
        b.memory(MemoryXml.read(root, cellTotal));
        b.memtune(root.child("memtune").map(MemoryXml::readTune));

        Vcpu vcpu = VcpuXml.read(root.child("vcpu"), root.child("vcpus"));
        b.vcpu(vcpu);
        Iothreads iothreads = IothreadsXml.read(root.child("iothreads"), root.child("iothreadids"),
                root.child("defaultiothread"));
        b.iothreads(iothreads);
        b.cputune(root.child("cputune").map(c -> CpuTuneXml.read(c, vcpu)).orElse(CpuTune.EMPTY));
        List<XmlNode> numatunes = root.children("numatune");
        if (numatunes.size() > 1) {
            throw numatunes.get(1).error(ErrorCode.NUMATUNE, "numatune: only one <numatune> element is allowed");
        }
        b.numatune(numatunes.isEmpty() ? Optional.empty()
                : Optional.of(NumaTuneXml.read(numatunes.get(0), vcpu.placement())));
        b.resourcePartition(resource(root));
        XmlNode os = root.requiredChild("os", "domain: element <os> with a <type> is required");
        b.os(OsXml.read(os));
        b.features(root.child("features").map(FeaturesXml::read));
        Optional<XmlNode> clock = root.child("clock");
        if (clock.isPresent()) {
            b.clock(ClockXml.read(clock.get()));
        }
        b.lifecycle(LifecycleXml.read(root));
        b.pm(root.child("pm").map(LifecycleXml::readPm));
        Optional<XmlNode> devices = root.child("devices");
        if (devices.isPresent()) {
            b.devices(DevicesXml.read(devices.get()));
        }
        b.extras(root.extras());
        return PostParse.apply(b.build());
    }

    /**
     * As libvirt reads a UUID: 32 hexadecimal digits in pairs, with any dashes or blanks between
     * the pairs, and blanks around.
     */
    private static UUID uuid(XmlNode n) {
        String text = n.text();
        StringBuilder hex = new StringBuilder(32);
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        while (hex.length() < 32 && i < text.length()) {
            char c = text.charAt(i);
            if (c == '-' || c == ' ') {
                i++;
            } else if (i + 1 < text.length() && isHex(c) && isHex(text.charAt(i + 1))) {
                hex.append(c).append(text.charAt(i + 1));
                i += 2;
            } else {
                break;
            }
        }
        boolean rest = text.substring(i).isBlank();
        if (hex.length() != 32 || !rest) {
            throw n.error(ErrorCode.INVALID_UUID, "uuid: '%s' is not a valid UUID (expected 32 hexadecimal digits, "
                    + "e.g. 4dea22b3-1d52-d8f3-2516-782e98ab3fa0)", XmlNode.shorten(text));
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A title is one line (libvirt refuses a newline in it). */
    private static String title(XmlNode n) {
        String text = n.text();
        if (text.indexOf('\n') >= 0) {
            throw n.error(ErrorCode.XML_INVALID, "title: a title must be one line (it contains a newline)");
        }
        return text;
    }

    /** Kept whole, in any namespace: metadata is the applications' own, so nothing in it is reported. */
    private static OpaqueNode.Element metadata(XmlNode n) {
        n.drop();
        return Opaque.element(n.element());
    }

    /**
     * {@code <resource><partition>P</partition></resource>}; a resource without a partition
     * stays whole as an extra.
     */
    private static Optional<String> resource(XmlNode root) {
        List<Element> list = root.element().getChildren("resource");
        if (list.isEmpty() || list.get(0).getChild("partition") == null) {
            return Optional.empty();
        }
        return root.child("resource").flatMap(r -> r.childText("partition"));
    }

    static Element write(DomainDef d, java.util.OptionalInt id) {
        Out out = new Out("domain", ORDER).attr("type", d.type());
        id.ifPresent(i -> out.attr("id", Integer.toString(i)));
        out.child(new Element("name").setText(d.name()));
        out.child(new Element("uuid").setText(UuidText.of(d.uuid())));
        out.textChild("title", d.title());
        out.textChild("description", d.description());
        d.metadata().ifPresent(m -> out.child(Opaque.toJdom(m)));
        DomainMemory mem = d.memory();
        mem.maxMemory().ifPresent(m -> out.child(new Element("maxMemory").setAttribute("slots",
                Integer.toString(m.slots())).setAttribute("unit", "KiB").setText(Long.toString(m.kib()))));
        Element memory = new Element("memory");
        mem.dumpCore().ifPresent(on -> memory.setAttribute("dumpCore", on ? "on" : "off"));
        out.child(memory.setAttribute("unit", "KiB").setText(Long.toString(mem.memoryKiB())));
        out.child(MemoryXml.sizeElement("currentMemory", mem.currentKiB()));
        d.memtune().ifPresent(t -> out.child(MemoryXml.writeTune(t)));
        out.children(VcpuXml.write(d.vcpu()));
        out.children(IothreadsXml.write(d.iothreads()));
        out.child(CpuTuneXml.write(d.cputune(), d.iothreads()));
        d.numatune().ifPresent(t -> out.child(NumaTuneXml.write(t)));
        d.resourcePartition().ifPresent(p -> out.child(new Element("resource")
                .addContent(new Element("partition").setText(p))));
        out.child(OsXml.write(d.os()));
        d.features().ifPresent(f -> out.child(FeaturesXml.write(f)));
        d.cpu().ifPresent(c -> out.child(CpuXml.write(c)));
        out.child(ClockXml.write(d.clock()));
        out.children(LifecycleXml.write(d.lifecycle()));
        d.pm().ifPresent(p -> out.child(LifecycleXml.writePm(p)));
        out.child(DevicesXml.write(d.devices()));
        return out.build(d.extras());
    }

    /** {@code <memory mode='strict' placement='auto'/>}. */
    static NumaTune.Memory autoMemory() {
        return new NumaTune.Memory(org.jvirt.model.NumaMode.STRICT, org.jvirt.model.Placement.AUTO, Optional.empty());
    }
}
