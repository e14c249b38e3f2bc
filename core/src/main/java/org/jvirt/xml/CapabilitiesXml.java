package org.jvirt.xml;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jdom2.Attribute;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.IllegalDataException;
import org.jdom2.IllegalNameException;
import org.jdom2.Text;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.Capabilities;
import org.jvirt.host.GuestCapability;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.NodeInfo;

/**
 * Writes {@link Capabilities} as the XML {@code virsh capabilities} prints, in libvirt's layout:
 * two-space indentation, single-quoted attributes, {@code <x/>} for empty elements, and a blank
 * line after {@code <capabilities>} and after each top-level section.
 *
 * <pre>
 * &lt;capabilities&gt;
 *
 *   &lt;host&gt;
 *     &lt;uuid&gt;..&lt;/uuid&gt;                                 (only when known)
 *     &lt;cpu&gt;
 *       &lt;arch&gt;x86_64&lt;/arch&gt;
 *       &lt;topology sockets='S' dies='1' cores='C' threads='T'/&gt;   (nodeinfo's numbers, as libvirt)
 *     &lt;/cpu&gt;
 *     &lt;topology&gt;
 *       &lt;cells num='N'&gt;
 *         &lt;cell id='0'&gt;
 *           &lt;memory unit='KiB'&gt;..&lt;/memory&gt;
 *           &lt;distances&gt;&lt;sibling id='0' value='10'/&gt;..&lt;/distances&gt;   (when known)
 *           &lt;cpus num='K'&gt;
 *             &lt;cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0,4'/&gt;
 *             &lt;cpu id='7'/&gt;                        (offline: its place is unknown)
 * ...
 *   &lt;guest&gt;
 *     &lt;os_type&gt;hvm&lt;/os_type&gt;
 *     &lt;arch name='x86_64'&gt;&lt;wordsize&gt;64&lt;/wordsize&gt;&lt;emulator&gt;..&lt;/emulator&gt;&lt;domain type='kvm'/&gt;&lt;/arch&gt;
 *   &lt;/guest&gt;
 * </pre>
 */
public final class CapabilitiesXml {
    private CapabilitiesXml() {
    }

    /** The document as a JDOM tree (no layout whitespace). */
    public static Document toDocument(Capabilities caps) {
        try {
            Element root = new Element("capabilities");
            root.addContent(host(caps));
            for (GuestCapability g : caps.guests()) {
                root.addContent(guest(g));
            }
            return new Document(root);
        } catch (IllegalDataException | IllegalNameException e) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.XML,
                    "capabilities cannot be written as XML: " + e.getMessage(), e);
        }
    }

    /** The text {@code virsh capabilities} prints (ends with a newline). */
    public static String format(Capabilities caps) {
        Element root = toDocument(caps).getRootElement();
        StringBuilder out = new StringBuilder("<capabilities>\n\n");
        for (Element section : root.getChildren()) {
            write(section, 1, out);
            out.append('\n');
        }
        return out.append("</capabilities>\n").toString();
    }

    private static Element host(Capabilities caps) {
        Element host = new Element("host");
        caps.hostUuid().ifPresent(u -> host.addContent(text("uuid", u)));
        NodeInfo ni = caps.nodeInfo();
        host.addContent(new Element("cpu")
                .addContent(text("arch", caps.host().arch()))
                .addContent(new Element("topology")
                        .setAttribute("sockets", Integer.toString(ni.sockets()))
                        .setAttribute("dies", "1")
                        .setAttribute("cores", Integer.toString(ni.cores()))
                        .setAttribute("threads", Integer.toString(ni.threads()))));
        Element cells = new Element("cells").setAttribute("num", Integer.toString(caps.host().cells().size()));
        for (HostCell c : caps.host().cells()) {
            cells.addContent(cell(c));
        }
        host.addContent(new Element("topology").addContent(cells));
        return host;
    }

    private static Element cell(HostCell c) {
        Element cell = new Element("cell").setAttribute("id", Integer.toString(c.id()));
        cell.addContent(text("memory", Long.toString(c.memoryKiB())).setAttribute("unit", "KiB"));
        if (!c.distances().isEmpty()) {
            Element distances = new Element("distances");
            for (Map.Entry<Integer, Integer> d : new TreeMap<>(c.distances()).entrySet()) {
                distances.addContent(new Element("sibling").setAttribute("id", d.getKey().toString())
                        .setAttribute("value", d.getValue().toString()));
            }
            cell.addContent(distances);
        }
        Element cpus = new Element("cpus").setAttribute("num", Integer.toString(c.cpus().size()));
        for (HostCpu cpu : c.cpus()) {
            Element e = new Element("cpu").setAttribute("id", Integer.toString(cpu.id()));
            if (!cpu.siblings().isEmpty()) {
                e.setAttribute("socket_id", Integer.toString(cpu.socketId()))
                        .setAttribute("die_id", Integer.toString(cpu.dieId()))
                        .setAttribute("core_id", Integer.toString(cpu.coreId()))
                        .setAttribute("siblings", cpu.siblings().format());
            }
            cpus.addContent(e);
        }
        return cell.addContent(cpus);
    }

    private static Element guest(GuestCapability g) {
        Element arch = new Element("arch").setAttribute("name", g.arch());
        if (g.wordSize() > 0) {
            arch.addContent(text("wordsize", Integer.toString(g.wordSize())));
        }
        g.emulator().ifPresent(e -> arch.addContent(text("emulator", e)));
        for (String type : g.domainTypes()) {
            arch.addContent(new Element("domain").setAttribute("type", type));
        }
        return new Element("guest").addContent(text("os_type", g.osType())).addContent(arch);
    }

    private static Element text(String name, String value) {
        return new Element(name).setText(value);
    }

    // ---------------------------------------------------------------- libvirt-style writer

    private static void write(Element e, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth);
        out.append(indent).append('<').append(e.getName());
        for (Attribute a : e.getAttributes()) {
            out.append(' ').append(a.getName()).append("='").append(escape(a.getValue(), true)).append('\'');
        }
        List<Content> content = e.getContent();
        List<Element> children = e.getChildren();
        if (content.isEmpty()) {
            out.append("/>\n");
        } else if (children.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (Content c : content) {
                if (c instanceof Text t) {
                    text.append(t.getText());
                }
            }
            out.append('>').append(escape(text.toString(), false)).append("</").append(e.getName()).append(">\n");
        } else {
            out.append(">\n");
            for (Element child : children) {
                write(child, depth + 1, out);
            }
            out.append(indent).append("</").append(e.getName()).append(">\n");
        }
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> out.append(c); // JDOM already refused characters XML cannot carry
            }
        }
        return out.toString();
    }
}
