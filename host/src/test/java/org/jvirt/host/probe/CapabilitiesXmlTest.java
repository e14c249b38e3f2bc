package org.jvirt.host.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.filter.Filters;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.Capabilities;
import org.jvirt.host.GuestCapability;
import org.jvirt.host.HostTopology;
import org.jvirt.xml.CapabilitiesXml;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

class CapabilitiesXmlTest {
    @TempDir
    Path root;

    private static final List<GuestCapability> QEMU_GUESTS = List.of(
            GuestCapability.of("hvm", "x86_64", "/usr/bin/qemu-system-x86_64", List.of("qemu", "kvm")),
            GuestCapability.of("hvm", "i686", "/usr/bin/qemu-system-i386", List.of("qemu")));

    private Capabilities fakeCaps() {
        FakeSysfs f = FakeSysfs.twoSocketsTwoCoresTwoThreads(root);
        f.cpuLists("0-6", null, null).offlineCpu(7);
        return new SysfsHostProbe(root).capabilities(QEMU_GUESTS);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = CapabilitiesXmlTest.class.getResourceAsStream("/host/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Document parse(String xml) throws JDOMException, IOException {
        SAXBuilder b = new SAXBuilder();
        b.setExpandEntities(false);
        return b.build(new StringReader(xml));
    }

    /** The elements at a simple absolute path like {@code /capabilities/host/cpu} ({@code //x}: anywhere). */
    private static List<Element> select(Document d, String path) {
        if (path.startsWith("//")) {
            List<Element> out = new java.util.ArrayList<>();
            d.getDescendants(Filters.element(path.substring(2))).forEach(out::add);
            return out;
        }
        String[] steps = path.substring(1).split("/");
        List<Element> current = d.getRootElement().getName().equals(steps[0]) ? List.of(d.getRootElement()) : List.of();
        for (int i = 1; i < steps.length; i++) {
            List<Element> next = new java.util.ArrayList<>();
            for (Element e : current) {
                next.addAll(e.getChildren(steps[i]));
            }
            current = next;
        }
        return current;
    }

    @Test
    void formatMatchesTheGoldenFileByteForByte() throws IOException {
        assertThat(CapabilitiesXml.format(fakeCaps())).isEqualTo(golden("capabilities-2cells.xml"));
    }

    @Test
    void outputParsesBackToTheSameFacts() throws Exception {
        Capabilities caps = fakeCaps();
        Document d = parse(CapabilitiesXml.format(caps));
        HostTopology t = caps.host();

        Element topo = select(d, "/capabilities/host/cpu/topology").get(0);
        assertThat(topo.getAttributeValue("sockets")).isEqualTo("1");
        assertThat(topo.getAttributeValue("dies")).isEqualTo("1");
        assertThat(topo.getAttributeValue("cores")).isEqualTo("2");
        assertThat(topo.getAttributeValue("threads")).isEqualTo("2");
        assertThat(select(d, "/capabilities/host/cpu/arch").get(0).getText()).isEqualTo("x86_64");

        assertThat(select(d, "/capabilities/host/topology/cells").get(0).getAttributeValue("num")).isEqualTo("2");
        List<Element> cells = select(d, "/capabilities/host/topology/cells/cell");
        assertThat(cells).hasSize(2);
        for (Element cell : cells) {
            int id = Integer.parseInt(cell.getAttributeValue("id"));
            var hc = t.cell(id).orElseThrow();
            assertThat(cell.getChild("memory").getAttributeValue("unit")).isEqualTo("KiB");
            assertThat(Long.parseLong(cell.getChildText("memory"))).isEqualTo(hc.memoryKiB());
            for (Element sib : cell.getChild("distances").getChildren("sibling")) {
                assertThat(Integer.parseInt(sib.getAttributeValue("value")))
                        .isEqualTo(hc.distances().get(Integer.parseInt(sib.getAttributeValue("id"))));
            }
            List<Element> cpus = cell.getChild("cpus").getChildren("cpu");
            assertThat(cell.getChild("cpus").getAttributeValue("num")).isEqualTo(Integer.toString(hc.cpus().size()));
            assertThat(cpus).hasSize(hc.cpus().size());
            for (int i = 0; i < cpus.size(); i++) {
                var hcpu = hc.cpus().get(i);
                Element e = cpus.get(i);
                assertThat(e.getAttributeValue("id")).isEqualTo(Integer.toString(hcpu.id()));
                if (hcpu.socketId() < 0) {
                    assertThat(e.getAttributes()).hasSize(1);
                } else {
                    assertThat(e.getAttributeValue("socket_id")).isEqualTo(Integer.toString(hcpu.socketId()));
                    assertThat(e.getAttributeValue("die_id")).isEqualTo(Integer.toString(hcpu.dieId()));
                    assertThat(e.getAttributeValue("core_id")).isEqualTo(Integer.toString(hcpu.coreId()));
                    assertThat(e.getAttributeValue("siblings")).isEqualTo(hcpu.siblings().format());
                }
            }
        }
        List<Element> guests = select(d, "/capabilities/guest");
        assertThat(guests).hasSize(2);
        assertThat(guests.get(0).getChildText("os_type")).isEqualTo("hvm");
        Element arch = guests.get(0).getChild("arch");
        assertThat(arch.getAttributeValue("name")).isEqualTo("x86_64");
        assertThat(arch.getChildText("wordsize")).isEqualTo("64");
        assertThat(arch.getChildText("emulator")).isEqualTo("/usr/bin/qemu-system-x86_64");
        assertThat(arch.getChildren("domain")).extracting(e -> e.getAttributeValue("type")).containsExactly("qemu", "kvm");
        assertThat(guests.get(1).getChild("arch").getChildText("wordsize")).isEqualTo("32");
    }

    @Test
    void jdomDocumentAndTextAreTheSameXml() throws Exception {
        Capabilities caps = fakeCaps();
        String text = CapabilitiesXml.format(caps);
        String viaJdom = new org.jdom2.output.XMLOutputter().outputString(CapabilitiesXml.toDocument(caps));
        Diff diff = DiffBuilder.compare(Input.fromString(viaJdom)).withTest(Input.fromString(text))
                .ignoreWhitespace().checkForIdentical().build();
        assertThat(diff.hasDifferences()).as(diff.toString()).isFalse();
    }

    @Test
    void uuidEscapingAndEmptyGuests() throws Exception {
        Capabilities base = fakeCaps();
        Capabilities caps = new Capabilities(base.host(), base.nodeInfo(), Optional.of("0e1f2a3b-aaaa-bbbb-cccc-000000000001"),
                List.of(new GuestCapability("exe", "x86_64", 0, Optional.of("/opt/a&b/<'\">"), List.of("lxc"))));
        String xml = CapabilitiesXml.format(caps);
        assertThat(xml).contains("    <uuid>0e1f2a3b-aaaa-bbbb-cccc-000000000001</uuid>\n");
        assertThat(xml).contains("<emulator>/opt/a&amp;b/&lt;'\"&gt;</emulator>");
        assertThat(xml).doesNotContain("wordsize");
        Document d = parse(xml);
        assertThat(select(d, "//emulator").get(0).getText()).isEqualTo("/opt/a&b/<'\">");
        assertThat(xml).endsWith("  </guest>\n\n</capabilities>\n");
    }

    @Test
    void unwritableCharactersAreAVirtException() {
        Capabilities base = fakeCaps();
        Capabilities caps = new Capabilities(base.host(), base.nodeInfo(), Optional.of("bad\u0000uuid"), List.of());
        assertThatThrownBy(() -> CapabilitiesXml.format(caps)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
    }

    @Test
    void realHostCapabilitiesAreWellFormedAndCountEveryCpu() throws Exception {
        HostProbe probe = OshiHostProbe.system();
        Capabilities caps = probe.capabilities(QEMU_GUESTS);
        Document d = parse(CapabilitiesXml.format(caps));
        assertThat(select(d, "/capabilities/host/topology/cells/cell/cpus/cpu")).hasSize(caps.host().cpuCount());
        assertThat(select(d, "/capabilities/host/cpu/topology").get(0).getAttributeValue("cores"))
                .isEqualTo(Integer.toString(caps.nodeInfo().cores()));
    }
}
