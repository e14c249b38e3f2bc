package org.jvirt.driver.qemu.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** QMP's JSON without an ObjectMapper reads and writes what ObjectMapper's tree does. */
class QmpJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsQmpRepliesAsObjectMapperDoes() throws IOException {
        for (String line : List.of(
                "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, \"package\": \"x\"},"
                        + " \"capabilities\": [\"oob\"]}}",
                "{\"return\": [{\"props\": {\"core-id\": 0, \"thread-id\": 0, \"socket-id\": 2}, \"vcpus-count\": 1,"
                        + " \"type\": \"qemu64-x86_64-cpu\"}], \"id\": \"jvirt-3\"}",
                "{\"return\": {}, \"id\": \"jvirt-1\"}",
                "{\"event\": \"STOP\", \"timestamp\": {\"seconds\": 1733500000, \"microseconds\": 123456}}",
                "{\"return\": {\"big\": 123456789012345678901234567890, \"long\": 9007199254740993,"
                        + " \"neg\": -5, \"d\": 1.5e-3, \"t\": true, \"f\": false, \"n\": null, \"s\": \"a\\\"b\\u00e9\"}}",
                "[1, [2, [3, {}]], \"x\"]")) {
            JsonNode ours = QmpJson.read(line);
            assertThat(ours).as(line).isEqualTo(MAPPER.readTree(line));
            assertThat(QmpJson.read(QmpJson.write(ours))).as("written and read back: " + line).isEqualTo(ours);
        }
    }

    @Test
    void writesWhatObjectMapperReadsBack() throws IOException {
        Random random = new Random(20261206L); // seeded: a failure repeats
        for (int i = 0; i < 200; i++) {
            ObjectNode msg = QmpJson.object();
            msg.put("execute", "device_add");
            ObjectNode args = msg.putObject("arguments");
            args.put("id", "vcpu" + random.nextInt(64));
            args.put("socket-id", random.nextInt());
            args.put("big", random.nextLong());
            args.put("ratio", random.nextDouble());
            args.put("flag", random.nextBoolean());
            args.putNull("none");
            args.putArray("list").add(random.nextInt(10)).add("t\n\"q\"");
            String line = QmpJson.write(msg);
            assertThat(line).doesNotContain("\n");
            assertThat(MAPPER.readTree(line)).isEqualTo(msg);
        }
    }

    @Test
    void refusesWhatIsNotOneJsonValue() {
        assertThatThrownBy(() -> QmpJson.read("")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> QmpJson.read("{\"a\": 1} {\"b\": 2}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> QmpJson.read("{\"a\": ")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> QmpJson.read("not json")).isInstanceOf(IOException.class);
    }
}
