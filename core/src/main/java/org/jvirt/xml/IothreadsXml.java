package org.jvirt.xml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.Iothreads;

/** {@code <iothreads>} and {@code <iothreadids>} (PINNING.md 2.4). */
final class IothreadsXml {
    /** More I/O threads than this is surely a mistake (and would cost memory to number). */
    static final int LIMIT = 16384;

    private IothreadsXml() {
    }

    static Iothreads read(Optional<XmlNode> countNode, Optional<XmlNode> idsNode) {
        int count = 0;
        if (countNode.isPresent()) {
            XmlNode n = countNode.get();
            String text = n.text();
            if (!VcpuXml.isDigits(text)) {
                throw n.error(ErrorCode.XML_INVALID, "iothreads: count '%s' is not a non-negative integer",
                        XmlNode.shorten(text));
            }
            String trimmed = text.replaceFirst("^0+(?=\\d)", "");
            if (trimmed.length() > 9 || Integer.parseInt(trimmed) > LIMIT) {
                throw n.error(ErrorCode.XML_INVALID, "iothreads: count %s exceeds the limit of %d",
                        XmlNode.shorten(trimmed), LIMIT);
            }
            count = Integer.parseInt(trimmed);
            n.rejectUnknown();
        }
        Set<Integer> ids = new LinkedHashSet<>();
        if (idsNode.isPresent()) {
            for (XmlNode t : idsNode.get().children("iothread")) {
                String text = t.requiredAttr("id", ErrorCode.XML_INVALID, "iothreadids: attribute 'id' is required");
                if (!VcpuXml.isDigits(text) || text.length() > 9 || Integer.parseInt(text) == 0
                        || Integer.parseInt(text) > LIMIT * 64) {
                    throw t.error(ErrorCode.XML_INVALID,
                            "iothreadids: id '%s' must be a positive integer below %d", XmlNode.shorten(text),
                            LIMIT * 64 + 1);
                }
                int id = Integer.parseInt(text);
                if (!ids.add(id)) {
                    throw t.error(ErrorCode.XML_INVALID, "iothreadids: I/O thread id %d is listed twice", id);
                }
                if (ids.size() > LIMIT) {
                    throw t.error(ErrorCode.XML_INVALID, "iothreadids: more than %d I/O threads", LIMIT);
                }
                t.rejectUnknown();
            }
            idsNode.get().rejectUnknown();
        }
        count = Math.max(count, ids.size());
        List<Integer> list = new ArrayList<>(ids);
        for (int next = 1; list.size() < count; next++) {
            if (!ids.contains(next)) {
                list.add(next);
            }
        }
        return new Iothreads(count, list, idsNode.isPresent());
    }

    static List<Element> write(Iothreads t) {
        List<Element> out = new ArrayList<>();
        if (t.count() > 0) {
            out.add(new Element("iothreads").setText(Integer.toString(t.count())));
        }
        if (t.idsExplicit() && !t.ids().isEmpty()) {
            Out ids = new Out("iothreadids");
            for (int id : t.ids()) {
                ids.child(new Element("iothread").setAttribute("id", Integer.toString(id)));
            }
            out.add(ids.build());
        }
        return out;
    }
}
