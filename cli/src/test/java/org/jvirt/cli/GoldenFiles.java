package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jvirt.host.HostName;

/**
 * Golden files under {@code src/test/resources/golden/}: the expected stdout, stderr and exit
 * status of a run, one file per case. Run with {@code -Dgolden.update=true} to rewrite them
 * (then review the diff).
 */
final class GoldenFiles {
    private static final Path SOURCE = Path.of("src/test/resources/golden");

    private GoldenFiles() {
    }

    /** The directory of the XML fixtures, as the {@code @XML@} placeholder stands for it. */
    static Path xmlDir() {
        try {
            return Path.of(GoldenFiles.class.getResource("/xml/d1.xml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String render(JvirshHarness.Result r) {
        String xml = xmlDir().toString();
        String out = r.stdout().replace(xml, "@XML@").replaceAll("\\(Time: \\d+\\.\\d{3} ms\\)", "(Time: N ms)");
        String host = HostName.ofThisHost();
        out = out.replaceAll("(?m)^" + java.util.regex.Pattern.quote(host) + "$", "@HOST@");
        String err = r.stderr().replace(xml, "@XML@");
        return out + "\n@@ stderr\n" + err + "\n@@ status " + r.status() + "\n";
    }

    /** The text of golden file {@code name}. */
    static String read(String name) {
        try (var in = GoldenFiles.class.getResourceAsStream("/golden/" + name + ".txt")) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void check(String name, String actual) {
        Path file = SOURCE.resolve(name + ".txt");
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(SOURCE);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            String expected;
            try (var in = GoldenFiles.class.getResourceAsStream("/golden/" + name + ".txt")) {
                assertThat(in).as("golden file %s (run with -Dgolden.update=true to create it)", file).isNotNull();
                expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(actual).as("output of case %s against %s", name, file).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
