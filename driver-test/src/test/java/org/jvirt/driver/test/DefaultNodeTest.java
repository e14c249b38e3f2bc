package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.XmlFlag;
import org.jvirt.xml.DomainXml;
import org.jvirt.xml.NodeDocument;
import org.jvirt.xml.NodeXml;
import org.jvirt.xml.ParseResult;

/**
 * test:///default is built in code ({@link DefaultNode}) and documented as a node file in
 * docs/drivers.md: the two must say the same, value for value and through a connection.
 */
class DefaultNodeTest {
    /** The node file under "### test:///default" in docs/drivers.md. */
    static String documentedNodeFile() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "drivers.md"));
        int section = doc.indexOf("### test:///default");
        assertThat(section).as("docs/drivers.md has a test:///default section").isNotNegative();
        int start = doc.indexOf("```xml\n", section) + "```xml\n".length();
        int end = doc.indexOf("```", start);
        assertThat(doc.indexOf("\n### ", section + 1)).as("the node file is in that section").isGreaterThan(end);
        return doc.substring(start, end);
    }

    @Test
    void theDocumentedNodeFileParsesToTheBuiltInHostAndDomain() throws IOException {
        NodeDocument parsed = NodeXml.parse(documentedNodeFile(), "docs/drivers.md");
        NodeDocument host = DefaultNode.host();
        assertThat(parsed.topology()).isEqualTo(host.topology());
        assertThat(parsed.hostname()).isEqualTo(host.hostname()).isEmpty();
        assertThat(parsed.guests()).singleElement().satisfies(g -> {
            assertThat(g.state()).isEqualTo(NodeDocument.RunState.RUNNING);
            assertThat(g.persistent()).isTrue();
            ParseResult domain = new DomainXml().read(g.domainXml());
            assertThat(domain.warnings()).isEmpty();
            assertThat(domain.def()).isEqualTo(DefaultNode.domain());
        });
        assertThat(host.guests()).as("the built-in domain is defined from the model, not from XML").isEmpty();
    }

    @Test
    void aConnectionToTheDocumentedFileSeesWhatTestDefaultShows(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("default.xml"), documentedNodeFile());
        try (Connection builtIn = Jvirt.connect("test:///default");
             Connection fromFile = Jvirt.connect("test://" + file)) {
            assertThat(fromFile.nodeInfo()).isEqualTo(builtIn.nodeInfo());
            assertThat(fromFile.hostTopology()).isEqualTo(builtIn.hostTopology());
            assertThat(fromFile.capabilitiesXml()).isEqualTo(builtIn.capabilitiesXml());
            assertThat(fromFile.listDomains()).hasSize(1);
            Domain a = builtIn.lookupByName("test");
            Domain b = fromFile.lookupByName("test");
            assertThat(b.state()).isEqualTo(a.state());
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.isPersistent()).isEqualTo(a.isPersistent()).isTrue();
            assertThat(b.info()).isEqualTo(a.info());
            assertThat(b.xml()).isEqualTo(a.xml());
            assertThat(b.xml(XmlFlag.INACTIVE)).isEqualTo(a.xml(XmlFlag.INACTIVE));
        }
    }
}
