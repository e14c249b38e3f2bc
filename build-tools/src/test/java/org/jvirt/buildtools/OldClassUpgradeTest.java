package org.jvirt.buildtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On JDOM 2's real jar, whose classes are Java 5 class files. */
class OldClassUpgradeTest {
    @TempDir
    Path dir;

    private Path jdomCopy() throws IOException, URISyntaxException {
        Path jdom = Path.of(org.jdom2.Element.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.copy(jdom, dir.resolve("jdom2.jar"));
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        try (InputStream f = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(f)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                all.put(e.getName(), in.readAllBytes());
            }
        }
        return all;
    }

    @Test
    void raisesTheCoreClassesAndKeepsEveryEntry() throws Exception {
        Path jar = jdomCopy();
        Map<String, byte[]> before = entries(jar);
        assertThat(OldClassUpgrade.majorVersion(before.get("org/jdom2/Element.class"))).isEqualTo(49);

        OldClassUpgrade.Result r = OldClassUpgrade.upgrade(jar);

        Map<String, byte[]> after = entries(jar);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        assertThat(r.upgraded()).isGreaterThan(100);
        for (String core : new String[] {"org/jdom2/Element.class", "org/jdom2/input/SAXBuilder.class",
                "org/jdom2/output/XMLOutputter.class", "org/jdom2/Verifier.class"}) {
            assertThat(OldClassUpgrade.majorVersion(after.get(core))).as(core).isEqualTo(52);
        }
        before.forEach((name, bytes) -> {
            if (!name.endsWith(".class")) {
                assertThat(after.get(name)).as(name).isEqualTo(bytes);
            }
        });
    }

    @Test
    void raisedClassesPassTheVerifierAndStillWork() throws Exception {
        Path jar = jdomCopy();
        OldClassUpgrade.upgrade(jar);
        // a fresh loader that is not the boot loader: every class is verified with its frames
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> builder = Class.forName("org.jdom2.input.SAXBuilder", true, loader);
            Object doc = builder.getMethod("build", java.io.Reader.class).invoke(
                    builder.getConstructor().newInstance(),
                    new StringReader("<domain type='kvm'><name>a&amp;b</name><vcpu placement='static'>2</vcpu></domain>"));
            Class<?> outputter = Class.forName("org.jdom2.output.XMLOutputter", true, loader);
            Class<?> document = Class.forName("org.jdom2.Document", true, loader);
            assertThat(document.getProtectionDomain().getCodeSource().getLocation().toString()).endsWith("jdom2.jar");
            StringWriter w = new StringWriter();
            Method output = outputter.getMethod("output", document, java.io.Writer.class);
            output.invoke(outputter.getConstructor().newInstance(), doc, w);
            assertThat(w.toString()).contains("<name>a&amp;b</name>", "<vcpu placement=\"static\">2</vcpu>");
        }
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        Path jar = jdomCopy();
        OldClassUpgrade.Result first = OldClassUpgrade.upgrade(jar);
        Map<String, byte[]> once = entries(jar);

        OldClassUpgrade.Result second = OldClassUpgrade.upgrade(jar);

        assertThat(second.upgraded()).isZero();
        assertThat(second.keptOld()).isEqualTo(first.keptOld());
        Map<String, byte[]> twice = entries(jar);
        once.forEach((name, bytes) -> assertThat(twice.get(name)).as(name).isEqualTo(bytes));
    }
}
