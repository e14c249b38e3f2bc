package org.jvirt.xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jdom2.Element;
import org.jvirt.model.Features;

/** {@code <features>}: known simple flags; anything richer stays opaque. */
final class FeaturesXml {
    private FeaturesXml() {
    }

    static Features read(XmlNode n) {
        List<Features.Flag> flags = new ArrayList<>();
        for (String name : Features.KNOWN) {
            n.leaf(name, "state").ifPresent(f -> flags.add(new Features.Flag(name, f.attr("state"))));
        }
        return new Features(flags, n.extras());
    }

    static Element write(Features f) {
        Out out = new Out("features", Features.KNOWN);
        List<Features.Flag> flags = new ArrayList<>(f.flags());
        flags.sort(Comparator.comparingInt(flag -> rank(flag.name())));
        for (Features.Flag flag : flags) {
            out.child(new Out(flag.name()).attr("state", flag.state()).build());
        }
        return out.build(f.extras());
    }

    private static int rank(String name) {
        int i = Features.KNOWN.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
