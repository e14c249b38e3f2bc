package org.jvirt.driver.qemu.monitor;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * QMP's JSON lines to and from Jackson's tree nodes: read by {@link JsonText}, written with
 * jackson-core's streaming generator. No {@code ObjectMapper}: setting one up (its serializer and deserializer machinery,
 * hundreds of classes) was the largest part of a cold process's first monitor command, and QMP
 * needs only the tree. Numbers become the nodes {@code ObjectMapper.readTree} makes (int, long,
 * big integer, double); a repeated member keeps its last value.
 */
public final class QmpJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QmpJson() {
    }

    /** An empty object, for a command's arguments. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * The one JSON value of {@code text}; IOException when it is not JSON or has more after it
     * ({@link JsonText}: not Jackson's parser, which would start the JDK's BigDecimal).
     */
    public static JsonNode read(String text) throws IOException {
        return JsonText.read(text);
    }

    /** {@code node} as one line of JSON. */
    public static String write(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON to a string", e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> f : node.properties()) {
                    g.writeFieldName(f.getKey());
                    write(g, f.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                    default -> g.writeNumber(node.doubleValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            default -> g.writeString(node.asText());
        }
    }
}
