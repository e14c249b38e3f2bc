package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.model.DefinitionWarning;

/**
 * The examples of docs/domain-xml.md are true: the XML example gives the warning the page shows
 * (its Java example is compiled and run with every other one by docs/examples'
 * DocumentationExamplesTest).
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
}
