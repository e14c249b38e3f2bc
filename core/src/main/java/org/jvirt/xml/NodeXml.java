package org.jvirt.xml;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;

/**
 * Reads a test driver node document (docs/drivers.md): {@code <node>} with one {@code <host>} and any number of
 * {@code <guest state persistent>} each holding one {@code <domain>}. Parsed with the same
 * hardened parser as domain XML.
 */
public final class NodeXml {
    private static final int MAX_CPUS = CpuSet.XML_LIMIT;

    private final String source;

    private NodeXml(String source) {
        this.source = source;
    }

    /**
     * Reads a node document; {@code source} names it in errors (a file name). Hardened as domain
     * XML is: no DTD, no entities, size and depth limits.
     */
    public static NodeDocument parse(String text, String source) {
        return new NodeXml(source).parse(text);
    }

    private NodeDocument parse(String text) {
        Document doc = new SafeXmlParser(XmlLimits.DEFAULT).parse(text, "node");
        Element root = doc.getRootElement();
        List<Element> hosts = root.getChildren("host");
        if (hosts.size() != 1) {
            throw error(source, "a node file has exactly one <host> element, found " + hosts.size());
        }
        Element host = hosts.get(0);
        HostTopology topology = topology(host);
        Optional<String> hostname = Optional.ofNullable(host.getAttributeValue("name"));
        List<NodeDocument.Guest> guests = new ArrayList<>();
        XMLOutputter out = new XMLOutputter(Format.getRawFormat());
        for (Element g : root.getChildren("guest")) {
            List<Element> domains = g.getChildren("domain");
            if (domains.size() != 1) {
                throw error(source, "<guest> holds exactly one <domain>, found " + domains.size());
            }
            NodeDocument.RunState state = state(g.getAttributeValue("state", "shutoff"));
            boolean persistent = yesNo(g.getAttributeValue("persistent", "yes"), "guest persistent");
            if (!persistent && state == NodeDocument.RunState.SHUTOFF) {
                throw error(source, "a transient guest (persistent='no') must be running or paused");
            }
            guests.add(new NodeDocument.Guest(out.outputString(domains.get(0)), state, persistent));
        }
        return new NodeDocument(topology, hostname, guests);
    }

    private NodeDocument.RunState state(String word) {
        return switch (word) {
            case "running" -> NodeDocument.RunState.RUNNING;
            case "paused" -> NodeDocument.RunState.PAUSED;
            case "shutoff" -> NodeDocument.RunState.SHUTOFF;
            default -> throw error(source, "guest state '" + word + "' must be running, paused or shutoff");
        };
    }

    private boolean yesNo(String word, String where) {
        return switch (word) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw error(source, where + " must be 'yes' or 'no', not '" + word + "'");
        };
    }

    private HostTopology topology(Element host) {
        String arch = host.getAttributeValue("arch", "x86_64");
        String model = host.getAttributeValue("cpuModel", arch);
        int mhz = number(host, "mhz", 1000, 0, 1_000_000);
        List<HostCell> cells = new ArrayList<>();
        int nextCpu = 0;
        int nextSocket = 0;
        for (Element c : host.getChildren("cell")) {
            int id = number(c, "id", cells.size(), 0, 1023);
            long memory = number(c, "memory", 0, 0, Integer.MAX_VALUE);
            List<Element> explicit = c.getChildren("cpu");
            if (!explicit.isEmpty()) {
                List<HostCpu> cpus = new ArrayList<>();
                for (Element e : explicit) {
                    int cpu = number(e, "id", -1, 0, MAX_CPUS - 1);
                    String siblings = e.getAttributeValue("siblings", String.valueOf(cpu));
                    cpus.add(new HostCpu(cpu, number(e, "socket", 0, 0, 65535), number(e, "die", 0, 0, 65535),
                            number(e, "core", 0, 0, 65535), CpuSet.parse(siblings, "cpu siblings"), id));
                }
                cells.add(new HostCell(id, memory, cpus, Map.of()));
            } else {
                int sockets = number(c, "sockets", 1, 1, 64);
                int cores = number(c, "cores", 1, 1, 256);
                int threads = number(c, "threads", 1, 1, 16);
                if ((long) nextCpu + (long) sockets * cores * threads > MAX_CPUS) {
                    throw error(source, "the host has more than " + MAX_CPUS + " CPUs");
                }
                cells.add(HostCell.uniform(id, memory, nextCpu, nextSocket, sockets, cores, threads));
                nextCpu += sockets * cores * threads;
                nextSocket += sockets;
            }
        }
        if (cells.isEmpty()) {
            throw error(source, "<host> needs at least one <cell>");
        }
        BitSet ids = new BitSet();
        for (HostCell c : cells) {
            for (HostCpu cpu : c.cpus()) {
                ids.set(cpu.id());
            }
        }
        CpuSet all = CpuSet.fromBits(ids);
        Element map = host.getChild("cpumap");
        int width = map == null ? all.last() + 1 : number(map, "width", all.last() + 1, 1, MAX_CPUS);
        CpuSet online = map == null || map.getAttributeValue("online") == null
                ? all.below(width) : CpuSet.parse(map.getAttributeValue("online"), "cpumap online");
        return new HostTopology(arch, model, mhz, cells, online, width);
    }

    private int number(Element e, String attr, int dflt, int min, int max) {
        String text = e.getAttributeValue(attr);
        if (text == null) {
            if (dflt < min) {
                throw error(source, "<" + e.getName() + "> needs attribute '" + attr + "'");
            }
            return dflt;
        }
        try {
            long v = Long.parseLong(text.strip());
            if (v < min || v > max) {
                throw error(source, "<" + e.getName() + " " + attr + "='" + text + "'> must be within [" + min + ", "
                        + max + "]");
            }
            return (int) v;
        } catch (NumberFormatException ex) {
            throw error(source, "<" + e.getName() + " " + attr + "='" + text + "'> is not an integer");
        }
    }

    private static VirtException error(String source, String detail) {
        return VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.TEST, "test node file %s: %s", source, detail);
    }
}
