package org.jvirt.driver.qemu.monitor;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * QMP's JSON lines to and from Jackson's tree nodes: read by {@link JsonText}, written by
 * {@link #write}. No {@code ObjectMapper}: setting one up (its serializer and deserializer machinery,
 * hundreds of classes) was the largest part of a cold process's first monitor command, and QMP
 * needs only the tree. Numbers become the nodes {@code ObjectMapper.readTree} makes (int, long,
 * big integer, double); a repeated member keeps its last value.
 */
public final class QmpJson {
    private static final String HEX = "0123456789ABCDEF";
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

    /**
     * {@code node} as one line of JSON, as Jackson's generator writes it (the same text: QmpJsonTest):
     * written here, so that a command to QEMU sets up none of jackson-core's factory, generators and
     * parsers (59 classes, 0.9 MB of a one-shot command's start-up cache).
     */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(64);
        write(out, node);
        return out.toString();
    }

    private static void write(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.append('{');
                String comma = "";
                for (Map.Entry<String, JsonNode> f : node.properties()) {
                    string(out.append(comma), f.getKey()).append(':');
                    write(out, f.getValue());
                    comma = ",";
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                String comma = "";
                for (JsonNode element : node) {
                    write(out.append(comma), element);
                    comma = ",";
                }
                out.append(']');
            }
            case NUMBER -> number(out, node);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL, MISSING -> out.append("null");
            default -> string(out, node.asText());
        }
    }

    private static void number(StringBuilder out, JsonNode node) {
        switch (node.numberType()) {
            case INT -> out.append(node.intValue());
            case LONG -> out.append(node.longValue());
            case BIG_INTEGER -> out.append(node.bigIntegerValue());
            case BIG_DECIMAL -> out.append(node.decimalValue());
            case FLOAT -> decimal(out, Float.toString(node.floatValue()), Float.isFinite(node.floatValue()));
            default -> decimal(out, Double.toString(node.doubleValue()), Double.isFinite(node.doubleValue()));
        }
    }

    private static void decimal(StringBuilder out, String text, boolean finite) {
        if (finite) {
            out.append(text);
        } else {
            out.append('"').append(text).append('"'); // NaN and infinities are no JSON numbers: Jackson quotes them
        }
    }

    /** A JSON string: quote, backslash and control characters escaped, the rest as it is. */
    private static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
