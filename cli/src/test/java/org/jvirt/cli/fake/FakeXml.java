package org.jvirt.cli.fake;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DomainDef;
import org.jvirt.model.DomainMemory;
import org.jvirt.model.EmulatorPin;
import org.jvirt.model.Extras;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.Iothreads;
import org.jvirt.model.OpaqueNode;
import org.jvirt.model.Placement;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuPin;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Just enough of domain XML for the fake driver (the real codec lives on another branch):
 * name, uuid, memory, vcpu, iothreads, cputune pins and os type.
 */
final class FakeXml {
    private FakeXml() {
    }

    static DomainDef parse(String xml) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.XML, "malformed domain XML: %s", e.getMessage());
        }
        Element root = doc.getDocumentElement();
        String name = text(root, "name").orElseThrow(() -> VirtException.of(ErrorCode.XML_ERROR,
                ErrorDomain.XML, "missing <name> in domain XML"));
        UUID uuid = text(root, "uuid").map(UUID::fromString)
                .orElseGet(() -> UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        long mem = text(root, "memory").map(Long::parseLong).orElse(131072L);
        Element vcpuEl = child(root, "vcpu").orElse(null);
        int max = vcpuEl == null ? 1 : Integer.parseInt(vcpuEl.getTextContent().trim());
        int current = vcpuEl == null || vcpuEl.getAttribute("current").isEmpty() ? max
                : Integer.parseInt(vcpuEl.getAttribute("current"));
        Vcpu vcpu = Vcpu.of(max, current);
        if (vcpuEl != null && vcpuEl.getAttribute("placement").equals("auto")) {
            vcpu = vcpu.withPlacement(Placement.AUTO);
        }
        if (vcpuEl != null && !vcpuEl.getAttribute("cpuset").isEmpty()) {
            vcpu = vcpu.withCpuset(Optional.of(CpuSet.parse(vcpuEl.getAttribute("cpuset"))));
        }
        int iothreads = text(root, "iothreads").map(Integer::parseInt).orElse(0);
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= iothreads; i++) {
            ids.add(i);
        }
        CpuTune tune = CpuTune.EMPTY;
        Optional<Element> cputune = child(root, "cputune");
        if (cputune.isPresent()) {
            for (Element pin : children(cputune.get(), "vcpupin")) {
                tune = tune.withVcpuPin(new VcpuPin(Integer.parseInt(pin.getAttribute("vcpu")),
                        CpuSet.parse(pin.getAttribute("cpuset"))));
            }
            for (Element pin : children(cputune.get(), "emulatorpin")) {
                tune = tune.withEmulatorPin(Optional.of(new EmulatorPin(CpuSet.parse(pin.getAttribute("cpuset")))));
            }
            for (Element pin : children(cputune.get(), "iothreadpin")) {
                tune = tune.withIothreadPin(new IothreadPin(Integer.parseInt(pin.getAttribute("iothread")),
                        CpuSet.parse(pin.getAttribute("cpuset"))));
            }
        }
        Extras extras = Extras.NONE;
        Optional<String> os = child(root, "os").flatMap(o -> text(o, "type"));
        if (os.isPresent()) {
            OpaqueNode.Element type = new OpaqueNode.Element("", "", "type", List.of(),
                    List.of(new OpaqueNode.Text(os.get())));
            extras = new Extras(List.of(), List.of(new Extras.Placed("vcpu",
                    new OpaqueNode.Element("", "", "os", List.of(), List.of(type)))));
        }
        return DomainDef.builder(name).type(root.getAttribute("type")).uuid(uuid).memory(DomainMemory.ofKiB(mem))
                .vcpu(vcpu).iothreads(new Iothreads(iothreads, ids, false)).cputune(tune).extras(extras).build();
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim());
    }

    private static Optional<Element> child(Element parent, String name) {
        List<Element> list = children(parent, name);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
