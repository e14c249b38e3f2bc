package org.jvirt.cli.commands;

import java.util.Optional;

import org.jvirt.model.DomainDef;
import org.jvirt.model.Extras;
import org.jvirt.model.OpaqueNode;

/**
 * The {@code <os><type>} of a definition for dominfo's "OS Type:" line. The model keeps
 * {@code <os>} as an opaque element (the public API has no OS type call yet), so it is read
 * from there.
 */
final class OsType {
    private OsType() {
    }

    static Optional<String> of(DomainDef def) {
        for (Extras.Placed placed : def.extras().elements()) {
            OpaqueNode.Element e = placed.element();
            if (e.name().equals("os") && e.namespaceUri().isEmpty()) {
                for (OpaqueNode child : e.content()) {
                    if (child instanceof OpaqueNode.Element type && type.name().equals("type")) {
                        return Optional.of(text(type).trim()).filter(s -> !s.isEmpty());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String text(OpaqueNode.Element e) {
        StringBuilder out = new StringBuilder();
        for (OpaqueNode n : e.content()) {
            if (n instanceof OpaqueNode.Text t) {
                out.append(t.text());
            }
        }
        return out.toString();
    }
}
