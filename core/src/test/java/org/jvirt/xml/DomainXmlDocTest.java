package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.jvirt.model.DefinitionWarning;

/**
 * The examples of docs/domain-xml.md are true: its Java example compiles and runs against the
 * XML example, which gives the warning the page shows.
 */
class DomainXmlDocTest {
    private static final Path PAGE = Path.of("..", "docs", "domain-xml.md");

    /** The fenced code blocks of the page in {@code language} ("" for plain ones). */
    private static List<String> blocks(String language) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder block = null;
        String current = null;
        for (String line : Files.readAllLines(PAGE)) {
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new StringBuilder();
                    current = line.substring(3).strip();
                } else {
                    if (current.equals(language)) {
                        out.add(block.toString());
                    }
                    block = null;
                }
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return out;
    }

    private static String exampleXml() throws IOException {
        return blocks("xml").stream().filter(b -> b.contains("<sound")).findFirst().orElseThrow();
    }

    @Test
    void theExampleDefinitionGivesTheWarningShown() throws IOException {
        List<DefinitionWarning> warnings = new DomainXml().read(exampleXml()).warnings();
        String shown = blocks("").stream().filter(b -> b.startsWith("devices: element <sound>")).findFirst()
                .orElseThrow().strip();
        assertThat(warnings).extracting(DefinitionWarning::message).containsExactly(shown);
    }

    @Test
    void theJavaExampleCompilesAndRuns(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String block = blocks("java").get(0);
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String source = imports + "public class Example {\n    public static void run(String xmlText) {\n" + body
                + "    }\n}\n";
        Path file = dir.resolve("Example.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
                file.toString());
        assertThat(rc).as("the example compiles:\n" + source).isZero();
        PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                DomainXmlDocTest.class.getClassLoader())) {
            Method run = loader.loadClass("Example").getMethod("run", String.class);
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            run.invoke(null, exampleXml());
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("warning: devices: element <sound>");
    }
}
