package org.jvirt.driver.lxc;

import org.jvirt.model.DomainDef;
import org.jvirt.xml.DomainXml;

/** Container definitions for unit tests. */
final class Defs {
    private static final DomainXml XML = new DomainXml();
    private Defs() {
    }

    /** A container named {@code name} with the given {@code <vcpu>} and extra elements after it. */
    static DomainDef container(String name, String vcpu, String extra) {
        return XML.read(xml(name, vcpu, extra, "<os><type>exe</type><init>/bin/sh</init></os>", ""))
                .def();
    }

    static String xml(String name, String vcpu, String extra, String os, String devices) {
        return "<domain type='lxc'><name>" + name + "</name><memory unit='MiB'>128</memory>" + vcpu + extra
                + os + "<devices>" + devices + "</devices></domain>";
    }

    static DomainDef parse(String xml) {
        return XML.read(xml).def();
    }
}
