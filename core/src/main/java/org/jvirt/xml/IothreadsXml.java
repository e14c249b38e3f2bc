package org.jvirt.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.Iothreads;

/** {@code <iothreads>}, {@code <iothreadids>} and {@code <defaultiothread>} (docs/domain-xml.md, "I/O threads"). */
final class IothreadsXml {
    /** More I/O threads than this is surely a mistake (and would cost memory to number). */
    static final int LIMIT = 16384;

    private IothreadsXml() {
    }

    static Iothreads read(Optional<XmlNode> countNode, Optional<XmlNode> idsNode, Optional<XmlNode> defaultNode) {
        int count = 0;
        if (countNode.isPresent()) {
            XmlNode n = countNode.get();
            count = n.unsignedInt(n.text(), "count", LIMIT);
        }
        Set<Integer> ids = new LinkedHashSet<>();
        Map<Integer, Iothreads.ThreadPool> pools = new LinkedHashMap<>();
        if (idsNode.isPresent()) {
            for (XmlNode t : idsNode.get().children("iothread")) {
                String text = t.requiredAttr("id", ErrorCode.XML_INVALID, "iothreadids: attribute 'id' is required");
                int id = t.unsignedInt(text, "id", LIMIT * 64);
                if (id == 0) {
                    throw t.error(ErrorCode.XML_INVALID, "iothreadids: id 0 is not allowed (ids start at 1)");
                }
                if (!ids.add(id)) {
                    throw t.error(ErrorCode.XML_INVALID, "iothreadids: I/O thread id %d is listed twice", id);
                }
                if (ids.size() > LIMIT) {
                    throw t.error(ErrorCode.XML_INVALID, "iothreadids: more than %d I/O threads", LIMIT);
                }
                pool(t).ifPresent(p -> pools.put(id, p));
            }
        }
        count = Math.max(count, ids.size());
        List<Integer> list = new ArrayList<>(ids);
        for (int next = 1; list.size() < count; next++) {
            if (!ids.contains(next)) {
                list.add(next);
            }
        }
        return new Iothreads(count, list, idsNode.isPresent(), pools, defaultNode.flatMap(IothreadsXml::pool));
    }

    /**
     * {@code thread_pool_min} and {@code thread_pool_max} of an element, with libvirt's rules: both
     * non-negative, the maximum at least 1, a minimum only with a maximum not below it.
     */
    private static Optional<Iothreads.ThreadPool> pool(XmlNode n) {
        OptionalInt min = n.unsignedAttr("thread_pool_min");
        OptionalInt max = n.unsignedAttr("thread_pool_max");
        if (max.isPresent() && max.getAsInt() == 0) {
            throw n.error(ErrorCode.XML_INVALID, "%s: thread_pool_max must be at least 1", n.name());
        }
        if (min.isPresent() && (max.isEmpty() || min.getAsInt() > max.getAsInt())) {
            throw n.error(ErrorCode.XML_INVALID, "%s: thread_pool_min %d needs a thread_pool_max that is not below it",
                    n.name(), min.getAsInt());
        }
        Iothreads.ThreadPool pool = new Iothreads.ThreadPool(min, max);
        return pool.isEmpty() ? Optional.empty() : Optional.of(pool);
    }

    static List<Element> write(Iothreads t) {
        List<Element> out = new ArrayList<>();
        if (t.count() > 0) {
            out.add(new Element("iothreads").setText(Integer.toString(t.count())));
        }
        if (t.idsExplicit() && !t.ids().isEmpty()) {
            Out ids = new Out("iothreadids");
            for (int id : t.ids()) {
                Out thread = new Out("iothread").attr("id", Integer.toString(id));
                t.pool(id).ifPresent(p -> poolAttributes(thread, p));
                ids.child(thread.build());
            }
            out.add(ids.build());
        }
        t.defaultPool().ifPresent(p -> {
            Out d = new Out("defaultiothread");
            poolAttributes(d, p);
            out.add(d.build());
        });
        return out;
    }

    private static void poolAttributes(Out out, Iothreads.ThreadPool p) {
        out.attr("thread_pool_min", p.min()).attr("thread_pool_max", p.max());
    }
}
