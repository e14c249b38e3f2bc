package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.conf.JvirtdConfKeys;

/** docs/jvirtd.md lists exactly the procedures jvirtd serves and every key of jvirtd.conf. */
class DocsTest {
    private static final Path DOC = Path.of("..", "docs", "jvirtd.md");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| (\\d+) \\| `([A-Z_]+)` \\|");

    @Test
    void theProcedureTableIsTheServedOne(@TempDir Path dir) throws Exception {
        String doc = Files.readString(DOC);
        SortedMap<Integer, String> documented = new TreeMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            documented.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        try (DaemonHarness d = DaemonHarness.start(dir)) {
            assertThat(documented).isEqualTo(d.server.procedures());
        }
    }

    @Test
    void everyConfKeyIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        for (String key : JvirtdConfKeys.SCHEMA.keySet()) {
            assertThat(doc).as(key).contains("`" + key + "`");
        }
    }
}
