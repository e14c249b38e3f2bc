package org.jvirt.xml;

import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.model.Address;
import org.jvirt.model.OpaqueNode;

/** {@code <address type .../>} of a device. */
final class AddressXml {
    private AddressXml() {
    }

    static Optional<Element> write(Optional<Address> address) {
        return address.map(a -> {
            Element e = new Element("address").setAttribute("type", a.type());
            for (OpaqueNode.Attribute at : a.attributes()) {
                e.setAttribute(Opaque.toJdom(at));
            }
            return e;
        });
    }
}
