package org.jvirt.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shipped default file parses, sets nothing (all keys commented out, as libvirt ships its
 * files), documents exactly the keys of its schema, and parses with the right types once every
 * commented-out setting is uncommented.
 */
class ShippedDefaultsTest {
    /** A commented-out setting: "#key = ..." at the start of a line. */
    private static final Pattern SETTING = Pattern.compile("(?m)^#([A-Za-z][A-Za-z0-9_]*) = ");

    private static Map<String, ConfType> schema(String name) {
        return switch (name) {
            case "jvirt.conf" -> JvirtConfKeys.SCHEMA;
            case "qemu.conf" -> QemuConfKeys.SCHEMA;
            case "lxc.conf" -> LxcConfKeys.SCHEMA;
            case "jvirtd.conf" -> JvirtdConfKeys.SCHEMA;
            default -> throw new AssertionError(name);
        };
    }

    /** ConfLoader takes the shipped files as empty without reading them: its list must be theirs. */
    @Test
    void theLoadersListOfShippedFilesIsTheResourceDirectory() throws Exception {
        Path dir = Path.of(ConfLoader.class.getResource(ConfLoader.DEFAULTS_RESOURCE_DIR).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(ConfLoader.SHIPPED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvirt.conf", "qemu.conf", "lxc.conf", "jvirtd.conf"})
    void shippedFileParsesToNoEntries(String name) {
        String text = ConfLoader.defaultText(name).orElseThrow();
        assertThat(ConfFile.parse(text, name).entries()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvirt.conf", "qemu.conf", "lxc.conf", "jvirtd.conf"})
    void shippedFileDocumentsExactlyTheSchemaKeys(String name) {
        String text = ConfLoader.defaultText(name).orElseThrow();
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = SETTING.matcher(text);
        while (m.find()) {
            assertThat(documented.add(m.group(1))).as("%s documents %s twice", name, m.group(1)).isTrue();
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(schema(name).keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvirt.conf", "qemu.conf", "lxc.conf", "jvirtd.conf"})
    void everyDocumentedDefaultParsesWithItsType(String name) {
        String text = ConfLoader.defaultText(name).orElseThrow();
        // uncomment the settings, including the continuation lines of multi-line lists
        StringBuilder out = new StringBuilder();
        boolean inList = false;
        for (String line : text.split("\n", -1)) {
            if (SETTING.matcher(line).lookingAt() || inList) {
                String setting = line.substring(1);
                out.append(setting).append('\n');
                if (SETTING.matcher(line).lookingAt()) {
                    inList = setting.endsWith("[");
                } else if (setting.trim().equals("]")) {
                    inList = false;
                }
            } else {
                out.append(line).append('\n');
            }
        }
        ConfFile f = ConfFile.parse(out.toString(), name + " (uncommented)");
        assertThat(f.keys()).containsExactlyInAnyOrderElementsOf(schema(name).keySet());
        f.check(schema(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvirt.conf", "qemu.conf", "lxc.conf", "jvirtd.conf"})
    void everySettingIsPrecededByItsDocumentedDefault(String name) {
        String[] lines = ConfLoader.defaultText(name).orElseThrow().split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = SETTING.matcher(lines[i]);
            if (!m.lookingAt()) {
                continue;
            }
            // the comment block right above the setting (up to the previous blank line) gives its default
            boolean hasDefault = false;
            for (int j = i - 1; j >= 0 && lines[j].startsWith("#"); j--) {
                hasDefault |= lines[j].startsWith("# Default");
            }
            assertThat(hasDefault).as("%s line %d (%s) has a documented default", name, i + 1, m.group(1)).isTrue();
        }
    }
}
