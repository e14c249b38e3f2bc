package org.jvirt.xml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.EmulatorPin;
import org.jvirt.model.IntegerText;
import org.jvirt.model.Iothreads;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.SchedPolicy;
import org.jvirt.model.ThreadSched;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuPin;

/**
 * {@code <cputune>} (docs/domain-xml.md, "{@code <cputune>}"); range checks are the validator's.
 * Numbers are read as libvirt reads them; a period or quota of 0 means "not set".
 */
final class CpuTuneXml {
    static final List<String> ORDER = List.of("shares", "period", "quota", "global_period", "global_quota",
            "emulator_period", "emulator_quota", "iothread_period", "iothread_quota", "vcpupin", "emulatorpin",
            "iothreadpin", "emulatorsched", "vcpusched", "iothreadsched", "cachetune", "memorytune");

    private CpuTuneXml() {
    }

    static CpuTune read(XmlNode n, Vcpu vcpu) {
        OptionalLong shares = unsigned(n, "shares", false);
        OptionalLong period = unsigned(n, "period", true);
        OptionalLong quota = signed(n, "quota");
        OptionalLong globalPeriod = unsigned(n, "global_period", true);
        OptionalLong globalQuota = signed(n, "global_quota");
        OptionalLong emulatorPeriod = unsigned(n, "emulator_period", true);
        OptionalLong emulatorQuota = signed(n, "emulator_quota");
        OptionalLong iothreadPeriod = unsigned(n, "iothread_period", true);
        OptionalLong iothreadQuota = signed(n, "iothread_quota");

        Set<Integer> pinned = new HashSet<>();
        List<VcpuPin> vcpuPins = new ArrayList<>();
        for (XmlNode p : n.children("vcpupin")) {
            String id = p.attr("vcpu").orElse("");
            BigInteger value = IntegerText.parseUnsigned(id);
            if (value == null) {
                throw p.error(ErrorCode.XML_INVALID, "vcpupin: attribute 'vcpu' must be a non-negative integer");
            }
            if (value.compareTo(BigInteger.valueOf(vcpu.max())) >= 0) {
                p.drop();
                p.warn(DefinitionWarning.Kind.SETTING_DROPPED, null, "vcpupin for vCPU %s ignored: domain has %d vCPUs",
                        XmlNode.shorten(value.toString()), vcpu.max());
                continue;
            }
            int v = value.intValue();
            if (!pinned.add(v)) {
                throw p.error(ErrorCode.PIN_DUPLICATE, "vcpupin: vCPU %d is pinned twice", v);
            }
            vcpuPins.add(new VcpuPin(v, cpuset(p, "vcpupin"), p.extras()));
        }

        List<XmlNode> emulatorPins = n.children("emulatorpin");
        if (emulatorPins.size() > 1) {
            throw emulatorPins.get(1).error(ErrorCode.PIN_DUPLICATE, "emulatorpin: only one element is allowed");
        }
        Optional<EmulatorPin> emulatorPin = emulatorPins.isEmpty() ? Optional.empty()
                : Optional.of(new EmulatorPin(cpuset(emulatorPins.get(0), "emulatorpin")));

        Set<Integer> pinnedThreads = new HashSet<>();
        List<IothreadPin> iothreadPins = new ArrayList<>();
        for (XmlNode p : n.children("iothreadpin")) {
            String id = p.attr("iothread").orElse("");
            BigInteger value = IntegerText.parseUnsigned(id);
            if (value == null || value.bitLength() > 31) {
                throw p.error(ErrorCode.XML_INVALID, "iothreadpin: attribute 'iothread' must be a positive integer");
            }
            int t = value.intValue();
            if (t == 0) {
                throw p.error(ErrorCode.PIN_TARGET, "iothreadpin: no I/O thread 0");
            }
            if (!pinnedThreads.add(t)) {
                throw p.error(ErrorCode.PIN_DUPLICATE, "iothreadpin: I/O thread %d is pinned twice", t);
            }
            iothreadPins.add(new IothreadPin(t, cpuset(p, "iothreadpin"), p.extras()));
        }

        List<XmlNode> emulatorScheds = n.children("emulatorsched");
        if (emulatorScheds.size() > 1) {
            throw emulatorScheds.get(1).error(ErrorCode.PIN_DUPLICATE, "emulatorsched: only one element is allowed");
        }
        Optional<ThreadSched> emulatorSched = emulatorScheds.isEmpty() ? Optional.empty()
                : Optional.of(sched(emulatorScheds.get(0), "emulatorsched", null));
        List<ThreadSched> vcpuScheds = scheds(n, "vcpusched", "vcpus");
        List<ThreadSched> iothreadScheds = scheds(n, "iothreadsched", "iothreads");
        return new CpuTune(shares, period, quota, globalPeriod, globalQuota, emulatorPeriod, emulatorQuota,
                iothreadPeriod, iothreadQuota, vcpuPins, emulatorPin, iothreadPins, emulatorSched, vcpuScheds,
                iothreadScheds, n.extras());
    }

    /** Each is written as one element per thread (see {@link #perThread}); its kept content goes to the first. */
    private static List<ThreadSched> scheds(XmlNode n, String element, String setAttribute) {
        List<ThreadSched> list = new ArrayList<>();
        List<XmlNode> nodes = n.children(element);
        for (XmlNode s : nodes) {
            list.add(sched(s, element, setAttribute));
        }
        CpuSet all = CpuSet.EMPTY;
        for (ThreadSched s : list) {
            all = all.union(s.ids().orElse(CpuSet.EMPTY));
        }
        for (int i = 0; i < nodes.size(); i++) {
            CpuSet ids = list.get(i).ids().orElse(CpuSet.EMPTY);
            if (!ids.isEmpty()) {
                int first = ids.first();
                nodes.get(i).writtenAt((int) all.stream().filter(id -> id < first).count());
            }
        }
        return list;
    }

    private static CpuSet cpuset(XmlNode p, String element) {
        String text = p.requiredAttr("cpuset", ErrorCode.XML_INVALID, element + ": attribute 'cpuset' is required");
        return p.at(() -> CpuSet.parse(text, element + " cpuset"));
    }

    private static ThreadSched sched(XmlNode s, String element, String setAttribute) {
        Optional<CpuSet> ids = Optional.empty();
        if (setAttribute != null) {
            String text = s.requiredAttr(setAttribute, ErrorCode.XML_INVALID,
                    element + ": attribute '" + setAttribute + "' is required");
            ids = Optional.of(s.at(() -> CpuSet.parse(text, element + " " + setAttribute)));
        }
        String word = s.requiredAttr("scheduler", ErrorCode.XML_INVALID,
                element + ": attribute 'scheduler' is required");
        SchedPolicy policy = SchedPolicy.fromXml(word);
        if (policy == null) {
            throw s.error(ErrorCode.XML_INVALID, "%s: scheduler '%s' is not one of batch, idle, fifo, rr", element,
                    XmlNode.shorten(word));
        }
        OptionalInt priority = OptionalInt.empty();
        Optional<String> p = s.attr("priority");
        if (p.isPresent()) {
            priority = OptionalInt.of(s.parseInt(p.get(), "attribute 'priority'"));
        } else if (policy.needsPriority()) {
            throw s.error(ErrorCode.XML_INVALID, "%s: attribute 'priority' is required for scheduler '%s'", element,
                    word);
        }
        return new ThreadSched(ids, policy, priority);
    }

    /**
     * A non-negative tunable, as libvirt reads it. With {@code zeroUnset} (periods), 0 means
     * "not set", and the element is not written back.
     */
    private static OptionalLong unsigned(XmlNode n, String name, boolean zeroUnset) {
        Optional<XmlNode> c = n.child(name);
        if (c.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = c.get().text();
        BigInteger value = IntegerText.parseUnsigned(text);
        if (value == null) {
            throw c.get().error(ErrorCode.XML_INVALID, "cputune: <%s> value '%s' is not a non-negative integer", name,
                    XmlNode.shorten(text));
        }
        if (value.bitLength() > 63) {
            throw c.get().error(ErrorCode.XML_INVALID, "cputune: <%s> value '%s' is too large", name,
                    XmlNode.shorten(text));
        }
        return unsetIfZero(c.get(), value.longValue(), zeroUnset);
    }

    /** A quota: negative means unlimited and is kept as given; 0 means "not set" and is not written back. */
    private static OptionalLong signed(XmlNode n, String name) {
        Optional<XmlNode> c = n.child(name);
        if (c.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = c.get().text();
        BigInteger value = IntegerText.parse(text);
        if (value == null) {
            throw c.get().error(ErrorCode.XML_INVALID, "cputune: <%s> value '%s' is not an integer", name,
                    XmlNode.shorten(text));
        }
        if (value.bitLength() > 63) {
            throw c.get().error(ErrorCode.XML_INVALID, "cputune: <%s> value '%s' is too large", name,
                    XmlNode.shorten(text));
        }
        return unsetIfZero(c.get(), value.longValue(), true);
    }

    private static OptionalLong unsetIfZero(XmlNode c, long value, boolean zeroUnset) {
        if (zeroUnset && value == 0) {
            c.drop();
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    static Optional<Element> write(CpuTune t, Iothreads iothreads) {
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Out out = new Out("cputune", ORDER);
        number(out, "shares", t.shares());
        number(out, "period", t.period());
        number(out, "quota", t.quota());
        number(out, "global_period", t.globalPeriod());
        number(out, "global_quota", t.globalQuota());
        number(out, "emulator_period", t.emulatorPeriod());
        number(out, "emulator_quota", t.emulatorQuota());
        number(out, "iothread_period", t.iothreadPeriod());
        number(out, "iothread_quota", t.iothreadQuota());
        for (VcpuPin p : t.vcpuPins()) {
            out.child(new Out("vcpupin").attr("vcpu", Integer.toString(p.vcpu())).attr("cpuset", p.cpuset().format())
                    .build(p.extras()));
        }
        t.emulatorPin().ifPresent(p -> out.child(new Element("emulatorpin").setAttribute("cpuset", p.cpuset().format())));
        List<IothreadPin> pins = new ArrayList<>(t.iothreadPins());
        pins.sort((a, b) -> Integer.compare(rank(iothreads.ids(), a.iothread()), rank(iothreads.ids(), b.iothread())));
        for (IothreadPin p : pins) {
            out.child(new Out("iothreadpin").attr("iothread", Integer.toString(p.iothread()))
                    .attr("cpuset", p.cpuset().format()).build(p.extras()));
        }
        t.emulatorSched().ifPresent(s -> out.child(sched("emulatorsched", null, s)));
        out.children(perThread(t.vcpuScheds(), "vcpusched", "vcpus"));
        out.children(perThread(t.iothreadScheds(), "iothreadsched", "iothreads"));
        return Optional.of(out.build(t.extras()));
    }

    /** libvirt writes I/O thread pins in the order of the I/O threads. */
    private static int rank(List<Integer> ids, int id) {
        int i = ids.indexOf(id);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static void number(Out out, String name, OptionalLong value) {
        value.ifPresent(v -> out.child(new Element(name).setText(Long.toString(v))));
    }

    /** As virsh: one element per thread id, ascending (libvirt keeps the policy per thread). */
    private static List<Element> perThread(List<ThreadSched> scheds, String name, String setAttribute) {
        java.util.TreeMap<Integer, ThreadSched> byId = new java.util.TreeMap<>();
        List<Element> out = new ArrayList<>();
        for (ThreadSched s : scheds) {
            if (s.ids().isEmpty()) {
                out.add(sched(name, setAttribute, s));
            } else {
                s.ids().get().stream().forEach(id -> byId.putIfAbsent(id, s));
            }
        }
        byId.forEach((id, s) -> out.add(sched(name, setAttribute,
                new ThreadSched(Optional.of(CpuSet.of(id)), s.scheduler(), s.priority()))));
        return out;
    }

    private static Element sched(String name, String setAttribute, ThreadSched s) {
        Out out = new Out(name);
        if (setAttribute != null) {
            s.ids().ifPresent(ids -> out.attr(setAttribute, ids.format()));
        }
        out.attr("scheduler", s.scheduler().xml());
        out.attr("priority", s.priority());
        return out.build();
    }
}
