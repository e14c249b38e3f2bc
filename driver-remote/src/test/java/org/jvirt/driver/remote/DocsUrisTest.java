package org.jvirt.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every concrete remote URI shown in docs/remote.md and docs/drivers.md parses as documented. */
class DocsUrisTest {
    private static final Pattern URI = Pattern.compile("`([a-z]+\\+[a-z0-9]+://[^`\\s]*)`");

    @Test
    void everyDocumentedUriParses() throws Exception {
        List<String> uris = new ArrayList<>();
        for (String doc : List.of("remote.md", "drivers.md")) {
            Matcher m = URI.matcher(Files.readString(Path.of("..", "docs", doc)));
            while (m.find()) {
                if (!m.group(1).contains("DRIVER") && !m.group(1).contains("HOST")) {
                    uris.add(m.group(1));
                }
            }
        }
        assertThat(uris).hasSizeGreaterThan(10);
        for (String u : uris) {
            RemoteUri parsed = RemoteUri.parse(u);
            assertThat(parsed.serverName()).as(u).startsWith(parsed.driver() + ":");
        }
        assertThat(RemoteUri.parse("esx+ssh://root@mgmt/?name=esx://esxi-host/").serverName()).isEqualTo("esx://esxi-host/");
    }
}
