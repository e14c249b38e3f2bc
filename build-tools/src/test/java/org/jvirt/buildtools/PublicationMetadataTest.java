package org.jvirt.buildtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.api.Test;

/**
 * What Maven Central asks of a published artifact (name, description, url, license, developers,
 * SCM; sources and javadoc jars come from the parent's build), a stable module name for every
 * jar, and a BOM that lists every published module at the parent's version. A module opts out
 * of publication with {@code <jvirt.unpublished>true</jvirt.unpublished>}.
 */
class PublicationMetadataTest {
    private static final Namespace POM = Namespace.getNamespace("http://maven.apache.org/POM/4.0.0");
    private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Element read(Path pom) throws IOException, JDOMException {
        SAXBuilder builder = new SAXBuilder();
        builder.setExpandEntities(false);
        Document doc = builder.build(pom.toFile());
        return doc.getRootElement();
    }

    private static String text(Element e, String child) {
        Element c = e.getChild(child, POM);
        return c == null ? "" : c.getTextTrim();
    }

    private static Optional<String> property(Element pom, String name) {
        Element props = pom.getChild("properties", POM);
        return Optional.ofNullable(props == null ? null : props.getChild(name, POM)).map(Element::getTextTrim);
    }

    private static List<String> modules(Element root) {
        List<String> modules = new ArrayList<>();
        for (Element m : root.getChild("modules", POM).getChildren("module", POM)) {
            modules.add(m.getTextTrim());
        }
        return modules;
    }

    private static void assertCentralMetadata(Element pom, String what) {
        assertThat(text(pom, "name")).as("%s: <name>", what).isNotBlank();
        assertThat(text(pom, "description")).as("%s: <description>", what).isNotBlank();
        assertThat(text(pom, "url")).as("%s: <url>", what).isNotBlank();
        Element licenses = pom.getChild("licenses", POM);
        assertThat(licenses).as("%s: <licenses>", what).isNotNull();
        for (Element l : licenses.getChildren("license", POM)) {
            assertThat(text(l, "name")).as("%s: license name", what).isNotBlank();
            assertThat(text(l, "url")).as("%s: license url", what).startsWith("https://");
        }
        assertThat(licenses.getChildren("license", POM)).as("%s: a license", what).isNotEmpty();
        Element developers = pom.getChild("developers", POM);
        assertThat(developers).as("%s: <developers>", what).isNotNull();
        assertThat(developers.getChildren("developer", POM)).as("%s: a developer", what).isNotEmpty();
        Element scm = pom.getChild("scm", POM);
        assertThat(scm).as("%s: <scm>", what).isNotNull();
        assertThat(text(scm, "connection")).as("%s: scm connection", what).startsWith("scm:git:");
        assertThat(text(scm, "url")).as("%s: scm url", what).isNotBlank();
    }

    @Test
    void theParentCarriesWhatCentralAsksFor() throws Exception {
        Element root = read(ROOT.resolve("pom.xml"));
        assertCentralMetadata(root, "pom.xml");
        assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
    }

    @Test
    void everyModuleNamesItsJarAndEveryPublishedOneDescribesItself() throws Exception {
        Element root = read(ROOT.resolve("pom.xml"));
        Set<String> names = new HashSet<>();
        for (String module : modules(root)) {
            Element pom = read(ROOT.resolve(module).resolve("pom.xml"));
            if (text(pom, "packaging").equals("pom")) {
                continue;
            }
            String name = property(pom, "jvirt.module").orElse("");
            assertThat(name).as("%s: property jvirt.module (its Automatic-Module-Name)", module).matches(MODULE_NAME);
            assertThat(names.add(name)).as("%s: module name %s used twice", module, name).isTrue();
            if (!published(pom)) {
                continue;
            }
            assertThat(text(pom, "name")).as("%s: <name>", module).isNotBlank();
            assertThat(text(pom, "description")).as("%s: <description>", module).isNotBlank();
        }
    }

    @Test
    void theBomListsEveryPublishedModuleAtTheParentsVersionAndNothingElse() throws Exception {
        Element root = read(ROOT.resolve("pom.xml"));
        Element bom = read(ROOT.resolve("bom/pom.xml"));
        assertThat(bom.getChild("parent", POM)).as("the BOM must not inherit the parent's dependency versions").isNull();
        assertThat(text(bom, "version")).isEqualTo(text(root, "version"));
        assertThat(text(bom, "groupId")).isEqualTo(text(root, "groupId"));
        assertCentralMetadata(bom, "bom/pom.xml");

        Set<String> published = new HashSet<>();
        for (String module : modules(root)) {
            Element pom = read(ROOT.resolve(module).resolve("pom.xml"));
            if (!text(pom, "packaging").equals("pom") && published(pom)) {
                published.add(text(pom, "artifactId"));
            }
        }
        Set<String> listed = new HashSet<>();
        for (Element d : bom.getChild("dependencyManagement", POM).getChild("dependencies", POM)
                .getChildren("dependency", POM)) {
            assertThat(text(d, "groupId")).isEqualTo("org.jvirt");
            assertThat(text(d, "version")).as("%s's version", text(d, "artifactId")).isEqualTo("${project.version}");
            listed.add(text(d, "artifactId"));
        }
        assertThat(listed).isEqualTo(published);
    }

    private static boolean published(Element pom) {
        return !property(pom, "jvirt.unpublished").orElse("false").equals("true");
    }
}
