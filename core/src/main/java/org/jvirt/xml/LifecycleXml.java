package org.jvirt.xml;

import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.Lifecycle;
import org.jvirt.model.LifecycleAction;
import org.jvirt.model.Pm;

/** {@code <on_poweroff>}, {@code <on_reboot>}, {@code <on_crash>} and {@code <pm>}. */
final class LifecycleXml {
    private LifecycleXml() {
    }

    static Lifecycle read(XmlNode domain) {
        return new Lifecycle(action(domain, "on_poweroff", LifecycleAction.DESTROY),
                action(domain, "on_reboot", LifecycleAction.RESTART),
                action(domain, "on_crash", LifecycleAction.DESTROY));
    }

    private static LifecycleAction action(XmlNode domain, String name, LifecycleAction dflt) {
        Optional<XmlNode> n = domain.child(name);
        if (n.isEmpty()) {
            return dflt;
        }
        LifecycleAction a = LifecycleAction.fromXml(n.get().text());
        if (a == null) {
            throw n.get().error(ErrorCode.XML_INVALID, "%s: '%s' is not one of destroy, restart, preserve, "
                    + "rename-restart, coredump-destroy, coredump-restart", name, XmlNode.shorten(n.get().text()));
        }
        return a;
    }

    static List<Element> write(Lifecycle l) {
        return List.of(new Element("on_poweroff").setText(l.onPoweroff().xml()),
                new Element("on_reboot").setText(l.onReboot().xml()),
                new Element("on_crash").setText(l.onCrash().xml()));
    }

    static Pm readPm(XmlNode n) {
        return new Pm(n.childWith("suspend-to-mem", "enabled").flatMap(s -> s.yesNo("enabled")),
                n.childWith("suspend-to-disk", "enabled").flatMap(s -> s.yesNo("enabled")), n.extras());
    }

    static Element writePm(Pm pm) {
        Out out = new Out("pm", List.of("suspend-to-mem", "suspend-to-disk"));
        pm.suspendToMem().ifPresent(v -> out.child(new Out("suspend-to-mem").yesNo("enabled", Optional.of(v)).build()));
        pm.suspendToDisk().ifPresent(v -> out.child(new Out("suspend-to-disk").yesNo("enabled", Optional.of(v)).build()));
        return out.build(pm.extras());
    }
}
