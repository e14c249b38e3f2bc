package org.jvirt.driver.qemu.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
        for (String bad : List.of("", "  ", "{\"a\": 1} {\"b\": 2}", "{\"a\": ", "not json", "{\"a\" 1}", "{a: 1}",
                "[1,]", "{\"a\": 1,}", "[1 2]", "01", "-", "1.", ".5", "1e", "+1", "tru", "nul", "\"open",
                "\"tab\there\"", "\"\\x\"", "\"\\u12g4\"", "NaN", "[".repeat(JsonText.MAX_DEPTH + 1))) {
            assertThatThrownBy(() -> QmpJson.read(bad)).as(bad).isInstanceOf(IOException.class);
        }
    }

    /** Random JSON (seeded: a failure repeats) as ObjectMapper writes it reads as ObjectMapper reads it. */
    @Test
    void readsRandomJsonAsObjectMapperDoes() throws IOException {
        Random random = new Random(20261207L);
        for (int i = 0; i < 500; i++) {
            JsonNode tree = randomValue(random, 0);
            String line = MAPPER.writeValueAsString(tree);
            if (random.nextBoolean()) {
                line = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree); // white space between
            }
            assertThat(QmpJson.read(line)).as(line).isEqualTo(MAPPER.readTree(line));
        }
    }

    /** Random JSON (seeded: a failure repeats) is written as ObjectMapper writes it, to the character. */
    @Test
    void writesRandomJsonAsObjectMapperDoes() throws IOException {
        Random random = new Random(20261208L);
        for (int i = 0; i < 500; i++) {
            JsonNode tree = randomValue(random, 0);
            assertThat(QmpJson.write(tree)).isEqualTo(MAPPER.writeValueAsString(tree));
        }
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            every.append(c);
        }
        JsonNode text = JsonNodeFactory.instance.textNode(every + "\u2028\uD83D\uDE00");
        assertThat(QmpJson.write(text)).isEqualTo(MAPPER.writeValueAsString(text));
        JsonNode odd = JsonNodeFactory.instance.arrayNode().add(Double.NaN).add(-0.0).add(1e300).add(Float.MIN_VALUE);
        assertThat(QmpJson.write(odd)).isEqualTo(MAPPER.writeValueAsString(odd));
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (random.nextInt(depth < 4 ? 10 : 8)) {
            case 0:
                return nodes.numberNode(random.nextInt());
            case 1:
                return nodes.numberNode(random.nextLong() >> random.nextInt(64));
            case 2:
                return nodes.numberNode(new BigInteger(100, random).negate());
            case 3:
                return nodes.numberNode(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            case 4: {
                StringBuilder b = new StringBuilder();
                for (int k = random.nextInt(12); k > 0; k--) {
                    b.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD7FF)));
                }
                return nodes.textNode(b.toString());
            }
            case 5:
                return nodes.booleanNode(random.nextBoolean());
            case 6:
                return nodes.nullNode();
            case 7:
                return nodes.numberNode(random.nextInt(3) - 1);
            case 8: {
                ObjectNode o = nodes.objectNode();
                for (int k = random.nextInt(5); k > 0; k--) {
                    o.set("k" + random.nextInt(8), randomValue(random, depth + 1));
                }
                return o;
            }
            default: {
                ArrayNode a = nodes.arrayNode();
                for (int k = random.nextInt(5); k > 0; k--) {
                    a.add(randomValue(random, depth + 1));
                }
                return a;
            }
        }
    }
}
