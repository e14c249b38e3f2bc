package org.jvirt.driver.qemu.monitor;

import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON value (RFC 8259, strictly: no comments, no trailing commas, no unescaped control
 * characters, nesting at most {@value #MAX_DEPTH} deep) read into Jackson's tree as
 * {@code ObjectMapper.readTree} reads it: integers as int, long or BigInteger nodes by size,
 * other numbers as doubles, a repeated member's last value kept. Not Jackson's parser: its base
 * class initialises the JDK's {@code BigDecimal}, whose static initialiser computes 5^65536 on
 * JDK 21 and later (15-30 ms on this project's machine, most of what attaching to a QEMU monitor
 * cost a one-shot command). Failures are IOExceptions naming the offset.
 */
final class JsonText {
    static final int MAX_DEPTH = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private int pos;

    private JsonText(String text) {
        this.text = text;
    }

    /** The one JSON value of {@code text}, with white space around it only. */
    static JsonNode read(String text) throws IOException {
        JsonText t = new JsonText(text);
        t.skipSpace();
        if (t.pos == text.length()) {
            throw new IOException("no JSON value");
        }
        JsonNode value = t.value(0);
        t.skipSpace();
        if (t.pos != text.length()) {
            throw t.error("more than one JSON value");
        }
        return value;
    }

    private JsonNode value(int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH);
        }
        char c = peek();
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return NODES.textNode(string());
            case 't':
                literal("true");
                return NODES.booleanNode(true);
            case 'f':
                literal("false");
                return NODES.booleanNode(false);
            case 'n':
                literal("null");
                return NODES.nullNode();
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private ObjectNode object(int depth) throws IOException {
        ObjectNode o = NODES.objectNode();
        items('}', () -> {
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            o.set(name, value(depth + 1));
        });
        return o;
    }

    private ArrayNode array(int depth) throws IOException {
        ArrayNode a = NODES.arrayNode();
        items(']', () -> a.add(value(depth + 1)));
        return a;
    }

    /** One item of an object or an array. */
    private interface Item {
        void read() throws IOException;
    }

    /** From the opening bracket, comma-separated items up to {@code close}, each read by {@code item}. */
    private void items(char close, Item item) throws IOException {
        pos++; // the opening bracket
        skipSpace();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            item.read();
            skipSpace();
            if (peek() != ',') {
                expect(close);
                return;
            }
            pos++;
        }
    }

    private String string() throws IOException {
        pos++; // "
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> b.append(hex4());
                default -> throw error("invalid escape '\\" + e + "'");
            }
        }
    }

    private char hex4() throws IOException {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(next(), 16);
            if (d < 0) {
                throw error("invalid \\u escape");
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
    private JsonNode number() throws IOException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits();
            integral = false;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            digits();
            integral = false;
        }
        String n = text.substring(start, pos);
        if (!integral) {
            return NODES.numberNode(Double.parseDouble(n));
        }
        if (n.length() <= 18) { // fits a long, sign included
            long v = Long.parseLong(n);
            return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
        }
        BigInteger big = new BigInteger(n);
        return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
    }

    private void digits() throws IOException {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("expected a digit");
        }
    }

    private void literal(String word) throws IOException {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
    }

    private void expect(char c) throws IOException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() throws IOException {
        if (pos >= text.length()) {
            throw error("unexpected end of JSON");
        }
        return text.charAt(pos);
    }

    private char next() throws IOException {
        char c = peek();
        pos++;
        return c;
    }

    private IOException error(String what) {
        return new IOException(what + " at offset " + pos);
    }
}
