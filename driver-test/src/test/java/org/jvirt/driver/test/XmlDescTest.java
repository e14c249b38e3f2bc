package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.XmlFlag;
import org.jvirt.model.CpuSet;

/**
 * A domain's XML is formatted once per definition: asked again while nothing changed, the same
 * text comes back without formatting; every change, every flag that changes the text, shows.
 */
class XmlDescTest {
    private static final String XML = "<domain type='test'><name>xmldesc</name><memory>524288</memory>"
            + "<vcpu>2</vcpu><os><type>hvm</type></os><devices><graphics type='vnc' passwd='sesame'/></devices>"
            + "</domain>";

    private final Connection conn = Jvirt.connect("test:///default");

    @AfterEach
    void close() {
        conn.close();
    }

    @Test
    void anUnchangedDomainsXmlIsTheTextFormattedBefore() {
        Domain d = conn.defineXml(XML);
        d.start();
        String first = d.xml();
        assertThat(d.xml()).isSameAs(first);
        assertThat(conn.lookupByName("xmldesc").xml()).isSameAs(first);
    }

    @Test
    void changesAndFlagsShowAtOnce() {
        Domain d = conn.defineXml(XML);
        d.start();
        String live = d.xml();
        assertThat(live).contains("id='").doesNotContain("sesame");
        assertThat(d.xml(XmlFlag.SECURE)).contains("passwd='sesame'");
        assertThat(d.xml()).isEqualTo(live).doesNotContain("sesame");
        assertThat(d.xml(XmlFlag.INACTIVE)).doesNotContain("id='");

        d.pinVcpu(1, CpuSet.parse("0"), Affect.LIVE);
        assertThat(d.xml()).isNotEqualTo(live).contains("<vcpupin vcpu='1' cpuset='0'/>");
        assertThat(d.xml(XmlFlag.INACTIVE)).doesNotContain("vcpupin");
        d.destroy();
        assertThat(d.xml()).doesNotContain("id='").doesNotContain("vcpupin");
    }
}
