package org.jvirt.xml;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;

/**
 * The status file of an active domain ({@link DomainStatus}), in the spirit of libvirt's
 * {@code <domstatus>}:
 * <pre>
 * &lt;domstatus state='running' reason='booted' id='3' pid='4242' starttime='987654'&gt;
 *   &lt;numad nodeset='0-1'/&gt;
 *   &lt;attr name='qmp.socket' value='/run/jvirt/qemu/vm.qmp'/&gt;
 *   &lt;domain type='kvm' id='3'&gt;...the live definition...&lt;/domain&gt;
 * &lt;/domstatus&gt;
 * </pre>
 * State and reason are the enum names in lower case. Reading is as hardened as domain XML.
 */
public final class StatusXml {
    private final XmlLimits limits;

    public StatusXml() {
        this(XmlLimits.DEFAULT);
    }

    public StatusXml(XmlLimits limits) {
        this.limits = limits;
    }

    public String write(DomainStatus s) {
        Element root = new Element("domstatus")
                .setAttribute("state", s.state().name().toLowerCase(Locale.ROOT))
                .setAttribute("reason", s.reason().name().toLowerCase(Locale.ROOT))
                .setAttribute("id", Integer.toString(s.id()))
                .setAttribute("pid", Long.toString(s.pid()))
                .setAttribute("starttime", Long.toString(s.startTime()));
        s.numadNodes().ifPresent(n -> root.addContent(new Element("numad").setAttribute("nodeset", n.format())));
        s.attributes().forEach((k, v) -> root.addContent(new Element("attr").setAttribute("name", k).setAttribute("value", v)));
        root.addContent(DomainCodec.write(s.live(), java.util.OptionalInt.of(s.id())));
        return XmlPrinter.print(root);
    }

    /**
     * @throws VirtException XML_ERROR saying what is wrong (the store adds the file name)
     */
    public DomainStatus read(String xml) {
        Document doc = new SafeXmlParser(limits).parse(xml, "domstatus");
        Element root = doc.getRootElement();
        DomainState state = enumAttr(root, "state", DomainState.values());
        StateReason reason = enumAttr(root, "reason", StateReason.values());
        int id = (int) number(root, "id", Integer.MIN_VALUE, Integer.MAX_VALUE);
        long pid = number(root, "pid", 0, Integer.MAX_VALUE);
        long start = number(root, "starttime", 0, Long.MAX_VALUE);
        Optional<CpuSet> numad = Optional.empty();
        Map<String, String> attrs = new LinkedHashMap<>();
        Element domain = null;
        for (Element e : root.getChildren()) {
            switch (e.getName()) {
                case "numad" -> {
                    String text = required(e, "nodeset");
                    numad = Optional.of(CpuSet.parse(text, "domstatus/numad/@nodeset"));
                }
                case "attr" -> attrs.put(required(e, "name"), required(e, "value"));
                case "domain" -> domain = e;
                default -> throw error("unexpected element <" + e.getName() + "> in <domstatus>");
            }
        }
        if (domain == null) {
            throw error("<domstatus> has no <domain>");
        }
        DomainDef live = DomainCodec.read(XmlNode.root(domain, new ReadReport()), UUID::randomUUID);
        try {
            return new DomainStatus(state, reason, id, live, pid, start, numad, attrs);
        } catch (VirtException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * The constant named as attribute {@code name} says, upper-cased; found among the type's
     * {@code constants} rather than by {@link Enum#valueOf}, whose first call per type builds a
     * table through reflection.
     */
    private static <E extends Enum<E>> E enumAttr(Element e, String name, E[] constants) {
        String v = required(e, name);
        String constant = v.toUpperCase(Locale.ROOT);
        for (E c : constants) {
            if (c.name().equals(constant)) {
                return c;
            }
        }
        throw error("<domstatus " + name + "='" + XmlNode.shorten(v) + "'> is not a known " + name);
    }

    private static long number(Element e, String name, long min, long max) {
        String v = required(e, name);
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw error("<domstatus " + name + "='" + v + "'> is out of range " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException ex) {
            throw error("<domstatus " + name + "='" + XmlNode.shorten(v) + "'> is not a number");
        }
    }

    private static String required(Element e, String name) {
        String v = e.getAttributeValue(name);
        if (v == null) {
            throw error("<" + e.getName() + "> has no '" + name + "' attribute");
        }
        return v;
    }

    private static VirtException error(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "status: " + message);
    }
}
