package org.jvirt.xml;

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
import org.jvirt.model.EmulatorPin;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.SchedPolicy;
import org.jvirt.model.ThreadSched;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuPin;

/** {@code <cputune>} (PINNING.md 2.3); range checks are the validator's. */
final class CpuTuneXml {
    static final List<String> ORDER = List.of("shares", "period", "quota", "global_period", "global_quota",
            "emulator_period", "emulator_quota", "iothread_period", "iothread_quota", "vcpupin", "emulatorpin",
            "iothreadpin", "emulatorsched", "vcpusched", "iothreadsched", "cachetune", "memorytune");

    private CpuTuneXml() {
    }

    static CpuTune read(XmlNode n, Vcpu vcpu, List<String> warnings) {
        OptionalLong shares = unsigned(n, "shares");
        OptionalLong period = unsigned(n, "period");
        OptionalLong quota = signed(n, "quota");
        OptionalLong globalPeriod = unsigned(n, "global_period");
        OptionalLong globalQuota = signed(n, "global_quota");
        OptionalLong emulatorPeriod = unsigned(n, "emulator_period");
        OptionalLong emulatorQuota = signed(n, "emulator_quota");
        OptionalLong iothreadPeriod = unsigned(n, "iothread_period");
        OptionalLong iothreadQuota = signed(n, "iothread_quota");

        List<VcpuPin> vcpuPins = new ArrayList<>();
        Set<Integer> pinned = new HashSet<>();
        for (XmlNode p : n.children("vcpupin")) {
            String id = p.attr("vcpu").orElse("");
            if (!VcpuXml.isDigits(id)) {
                throw p.error(ErrorCode.XML_INVALID, "vcpupin: attribute 'vcpu' must be a non-negative integer");
            }
            String trimmed = id.replaceFirst("^0+(?=\\d)", "");
            if (trimmed.length() > 9 || Integer.parseInt(trimmed) >= vcpu.max()) {
                warnings.add(String.format("vcpupin for vCPU %s ignored: domain has %d vCPUs",
                        XmlNode.shorten(trimmed), vcpu.max()));
                continue;
            }
            int v = Integer.parseInt(trimmed);
            if (!pinned.add(v)) {
                throw p.error(ErrorCode.PIN_DUPLICATE, "vcpupin: vCPU %d is pinned twice", v);
            }
            vcpuPins.add(new VcpuPin(v, cpuset(p, "vcpupin")));
        }

        List<XmlNode> emulatorPins = n.children("emulatorpin");
        if (emulatorPins.size() > 1) {
            throw emulatorPins.get(1).error(ErrorCode.PIN_DUPLICATE, "emulatorpin: only one element is allowed");
        }
        Optional<EmulatorPin> emulatorPin = emulatorPins.isEmpty() ? Optional.empty()
                : Optional.of(new EmulatorPin(cpuset(emulatorPins.get(0), "emulatorpin")));

        List<IothreadPin> iothreadPins = new ArrayList<>();
        Set<Integer> pinnedThreads = new HashSet<>();
        for (XmlNode p : n.children("iothreadpin")) {
            String id = p.attr("iothread").orElse("");
            if (!VcpuXml.isDigits(id) || id.length() > 9) {
                throw p.error(ErrorCode.XML_INVALID, "iothreadpin: attribute 'iothread' must be a positive integer");
            }
            int t = Integer.parseInt(id);
            if (t == 0) {
                throw p.error(ErrorCode.PIN_TARGET, "iothreadpin: no I/O thread 0");
            }
            if (!pinnedThreads.add(t)) {
                throw p.error(ErrorCode.PIN_DUPLICATE, "iothreadpin: I/O thread %d is pinned twice", t);
            }
            iothreadPins.add(new IothreadPin(t, cpuset(p, "iothreadpin")));
        }

        List<XmlNode> emulatorScheds = n.children("emulatorsched");
        if (emulatorScheds.size() > 1) {
            throw emulatorScheds.get(1).error(ErrorCode.PIN_DUPLICATE, "emulatorsched: only one element is allowed");
        }
        Optional<ThreadSched> emulatorSched = emulatorScheds.isEmpty() ? Optional.empty()
                : Optional.of(sched(emulatorScheds.get(0), "emulatorsched", null));
        List<ThreadSched> vcpuScheds = new ArrayList<>();
        for (XmlNode s : n.children("vcpusched")) {
            vcpuScheds.add(sched(s, "vcpusched", "vcpus"));
        }
        List<ThreadSched> iothreadScheds = new ArrayList<>();
        for (XmlNode s : n.children("iothreadsched")) {
            iothreadScheds.add(sched(s, "iothreadsched", "iothreads"));
        }
        return new CpuTune(shares, period, quota, globalPeriod, globalQuota, emulatorPeriod, emulatorQuota,
                iothreadPeriod, iothreadQuota, vcpuPins, emulatorPin, iothreadPins, emulatorSched, vcpuScheds,
                iothreadScheds, n.extras());
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

    private static OptionalLong unsigned(XmlNode n, String name) {
        Optional<XmlNode> c = n.child(name);
        if (c.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = c.get().text();
        if (!VcpuXml.isDigits(text) || text.length() > 19) {
            throw c.get().error(ErrorCode.XML_INVALID, "cputune: <%s> value '%s' is not a non-negative integer", name,
                    XmlNode.shorten(text));
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw c.get().error(ErrorCode.XML_INVALID, "cputune: <%s> value '%s' is too large", name, text);
        }
    }

    private static OptionalLong signed(XmlNode n, String name) {
        Optional<XmlNode> c = n.child(name);
        if (c.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = c.get().text();
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (!VcpuXml.isDigits(digits) || digits.length() > 19) {
            throw c.get().error(ErrorCode.XML_INVALID, "cputune: <%s> value '%s' is not an integer", name,
                    XmlNode.shorten(text));
        }
        if (negative) {
            return OptionalLong.of(-1);
        }
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            throw c.get().error(ErrorCode.XML_INVALID, "cputune: <%s> value '%s' is too large", name, text);
        }
    }

    static Optional<Element> write(CpuTune t) {
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
            out.child(new Element("vcpupin").setAttribute("vcpu", Integer.toString(p.vcpu()))
                    .setAttribute("cpuset", p.cpuset().format()));
        }
        t.emulatorPin().ifPresent(p -> out.child(new Element("emulatorpin").setAttribute("cpuset", p.cpuset().format())));
        for (IothreadPin p : t.iothreadPins()) {
            out.child(new Element("iothreadpin").setAttribute("iothread", Integer.toString(p.iothread()))
                    .setAttribute("cpuset", p.cpuset().format()));
        }
        t.emulatorSched().ifPresent(s -> out.child(sched("emulatorsched", null, s)));
        out.children(perThread(t.vcpuScheds(), "vcpusched", "vcpus"));
        out.children(perThread(t.iothreadScheds(), "iothreadsched", "iothreads"));
        return Optional.of(out.build(t.extras()));
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
