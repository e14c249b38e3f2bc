package org.jvirt.driver.qemu.capabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.jvirt.Version;

/** The probe's cache file, read and written without an ObjectMapper, in the shape the mapper gave it. */
class CapsFileTest {
    /** A file as the probe wrote it while it bound the file with Jackson's ObjectMapper (cut short). */
    private static final String MAPPER_WROTE = "{\"mtime\":1779741869000,\"caps\":{\"binary\":\"/usr/bin/qemu-system-x86_64\","
            + "\"version\":{\"major\":7,\"minor\":2,\"micro\":22},\"machines\":{\"pc-q35-7.2\":\"pc-q35-7.2\","
            + "\"q35\":\"pc-q35-7.2\",\"pc-i440fx-7.2\":\"pc-i440fx-7.2\",\"pc\":\"pc-i440fx-7.2\"},"
            + "\"defaultMachine\":\"pc-i440fx-7.2\",\"maxCpus\":{\"pc-q35-7.2\":288,\"pc-i440fx-7.2\":255},\"kvm\":false}}";

    private static QemuCaps caps(Random r) {
        Map<String, String> machines = new HashMap<>();
        Map<String, Integer> max = new HashMap<>();
        int n = 1 + r.nextInt(30);
        String first = null;
        for (int i = 0; i < n; i++) {
            String name = "pc-" + (r.nextBoolean() ? "q35" : "i440fx") + "-" + r.nextInt(10) + "." + i + "\"\\é,";
            first = first == null ? name : first;
            machines.put(name, name);
            max.put(name, r.nextInt(1024));
            if (r.nextInt(4) == 0) {
                machines.put("alias" + i, name);
            }
        }
        return new QemuCaps("/usr/bin/qemu-" + r.nextInt(), new Version(r.nextInt(10), r.nextInt(10), r.nextInt(100)),
                machines, first, max, r.nextBoolean());
    }

    @Test
    void readsWhatItWritesForSeededRandomCapabilities() throws IOException {
        Random r = new Random(13);
        for (int i = 0; i < 200; i++) {
            CapsFile f = new CapsFile(r.nextLong() & Long.MAX_VALUE, caps(r));
            assertThat(CapsFile.parse(f.toJson())).isEqualTo(f);
        }
    }

    @Test
    void readsAndWritesTheShapeTheObjectMapperGaveTheFile() throws IOException {
        CapsFile f = CapsFile.parse(MAPPER_WROTE);
        assertThat(f.mtime()).isEqualTo(1779741869000L);
        assertThat(f.caps().version()).isEqualTo(new Version(7, 2, 22));
        assertThat(f.caps().canonicalMachine("q35")).isEqualTo("pc-q35-7.2");
        assertThat(f.caps().maxCpus("pc-q35-7.2")).isEqualTo(288);
        assertThat(f.caps().defaultMachine()).isEqualTo("pc-i440fx-7.2");
        assertThat(f.caps().kvm()).isFalse();
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(f.toJson())).isEqualTo(mapper.readTree(MAPPER_WROTE));
    }

    @Test
    void aDamagedOrForeignFileIsRefused() {
        for (String bad : new String[] {"", "{", "[]", "{}", "{\"mtime\":1}",
                MAPPER_WROTE.replace("\"kvm\":false", "\"kvm\":\"no\""),
                MAPPER_WROTE.replace("\"micro\":22", "\"micro\":2.5"),
                MAPPER_WROTE.replace("\"mtime\":1779741869000", "\"mtime\":\"x\""),
                MAPPER_WROTE.replace(",\"defaultMachine\":\"pc-i440fx-7.2\"", ""),
                MAPPER_WROTE.replace("\"pc\":\"pc-i440fx-7.2\"", "\"pc\":7"),
                MAPPER_WROTE + "x"}) {
            assertThatThrownBy(() -> CapsFile.parse(bad)).as(bad).isInstanceOf(IOException.class);
        }
    }
}
