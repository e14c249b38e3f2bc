package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot {@code list} on {@code test:///default} through {@code bin/jvirsh}, on the JDK
 * running the tests, starts no XML parser: the default node is built as model values (driver-test's
 * DefaultNode) and the domain XML reader makes its parser at its first read. On JDK 17 the SAX
 * parser's first use alone cost such a command about 25 ms (docs/benchmarks.md, issue 13).
 */
class DefaultNodeOneShotIT {
    /** A class of the JDK's SAX parser (Xerces), of JAXP, or of JDOM's builder. */
    private static final Predicate<String> XML_PARSER = Pattern.compile(
            "\\s(com\\.sun\\.org\\.apache\\.xerces|javax\\.xml|jdk\\.xml|org\\.xml\\.sax|org\\.jdom2\\.input)\\.")
            .asPredicate();

    @Test
    void aOneShotListOnTheDefaultNodeLoadsNoXmlParser(@TempDir Path tmp) throws Exception {
        Map<String, String> env = new HashMap<>(
                Map.of("JVIRSH_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        PackagedLauncherIT.launcher(env, "-c", "test:///default", "uri"); // records the start-up cache when missing
        Path log = tmp.resolve("classes.log");
        env.put("JVIRSH_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        PackagedLauncherIT.Run r = PackagedLauncherIT.launcher(env, "-c", "test:///default", "list");
        assertThat(r.stdout()).as(r.stderr()).contains(" 1    test   running");
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("classes loaded").hasSizeGreaterThan(500);
        assertThat(loaded.stream().filter(XML_PARSER).toList()).as("XML parser classes loaded").isEmpty();

        // the same list on that node given as a file does parse it: the check above sees parsers
        Path node = Files.writeString(tmp.resolve("node.xml"), "<node><host><cell id='0' memory='1048576'/></host>"
                + "<guest state='running'><domain type='test'><name>test</name><memory>65536</memory>"
                + "<os><type>hvm</type></os></domain></guest></node>");
        r = PackagedLauncherIT.launcher(env, "-c", "test://" + node, "list");
        assertThat(r.stdout()).as(r.stderr()).contains(" 1    test   running");
        assertThat(Files.readAllLines(log)).as("classes loaded for a node file").anyMatch(XML_PARSER);
    }
}
