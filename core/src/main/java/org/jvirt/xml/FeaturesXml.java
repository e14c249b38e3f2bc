package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.Features;

/**
 * {@code <features>}: the simple flags, written in libvirt's order; anything richer
 * ({@code <hyperv>}, {@code <kvm>}, ...) stays opaque and goes to its place in that order.
 */
final class FeaturesXml {
    /** Every feature libvirt 9.0 writes, in its order. */
    static final List<String> ORDER = List.of("acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm",
            "pvspinlock", "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm",
            "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg", "async-teardown");

    private FeaturesXml() {
    }

    static Features read(XmlNode n) {
        List<Features.Flag> flags = new ArrayList<>();
        for (String name : Features.KNOWN) {
            n.child(name).ifPresent(f -> flags.add(new Features.Flag(name,
                    Features.PRESENCE.contains(name) ? Optional.empty() : Optional.of(state(f)))));
        }
        return new Features(flags, n.extras());
    }

    private static String state(XmlNode f) {
        String state = f.attr("state").orElse("on");
        if (!state.equals("on") && !state.equals("off")) {
            throw f.error(ErrorCode.XML_INVALID, "features: <%s> attribute 'state' must be 'on' or 'off', not '%s'",
                    f.name(), XmlNode.shorten(state));
        }
        return state;
    }

    static Element write(Features f) {
        Out out = new Out("features", ORDER);
        List<Features.Flag> flags = new ArrayList<>(f.flags());
        flags.sort((a, b) -> Integer.compare(rank(a.name()), rank(b.name())));
        for (Features.Flag flag : flags) {
            out.child(new Out(flag.name()).attr("state", flag.state()).build());
        }
        return out.build(f.extras());
    }

    private static int rank(String name) {
        int i = ORDER.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
