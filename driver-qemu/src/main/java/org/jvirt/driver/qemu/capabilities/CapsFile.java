package org.jvirt.driver.qemu.capabilities;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jvirt.Version;
import org.jvirt.driver.qemu.monitor.QmpJson;

/**
 * The cache file of one probe: {@code {"mtime": ..., "caps": {"binary", "version": {"major",
 * "minor", "micro"}, "machines", "defaultMachine", "maxCpus", "kvm"}}}, the binary's modification
 * time and what it offers. Read and written as a JSON tree ({@link QmpJson}), not bound by an
 * {@code ObjectMapper}: a one-shot {@code start} reads this file, and setting a mapper up (its
 * serializers, deserializers and introspection, some 400 classes) cost more than the read, and
 * made every process's start-up cache bigger.
 *
 * @param mtime the binary's modification time (ms) when it was probed
 * @param caps  what the probe found
 */
record CapsFile(long mtime, QemuCaps caps) {
    /** The file's text. */
    String toJson() {
        ObjectNode version = QmpJson.object();
        version.put("major", caps.version().major());
        version.put("minor", caps.version().minor());
        version.put("micro", caps.version().micro());
        ObjectNode machines = QmpJson.object();
        for (Map.Entry<String, String> m : caps.machines().entrySet()) {
            machines.put(m.getKey(), m.getValue());
        }
        ObjectNode maxCpus = QmpJson.object();
        for (Map.Entry<String, Integer> m : caps.maxCpus().entrySet()) {
            maxCpus.put(m.getKey(), m.getValue().intValue());
        }
        ObjectNode c = QmpJson.object();
        c.put("binary", caps.binary());
        c.set("version", version);
        c.set("machines", machines);
        c.put("defaultMachine", caps.defaultMachine());
        c.set("maxCpus", maxCpus);
        c.put("kvm", caps.kvm());
        ObjectNode file = QmpJson.object();
        file.put("mtime", mtime);
        file.set("caps", c);
        return QmpJson.write(file);
    }

    /** The file of {@code text}; IOException when it is not one (damaged, or of another shape). */
    static CapsFile parse(String text) throws IOException {
        JsonNode file = QmpJson.read(text);
        JsonNode c = member(file, "caps");
        JsonNode v = member(c, "version");
        QemuCaps caps = new QemuCaps(text(c, "binary"),
                new Version(integer(v, "major"), integer(v, "minor"), integer(v, "micro")),
                strings(member(c, "machines")), text(c, "defaultMachine"), integers(member(c, "maxCpus")),
                bool(c, "kvm"));
        JsonNode mtime = member(file, "mtime");
        if (!mtime.canConvertToLong() || !mtime.isIntegralNumber()) {
            throw new IOException("mtime is not a whole number");
        }
        return new CapsFile(mtime.longValue(), caps);
    }

    private static JsonNode member(JsonNode object, String name) throws IOException {
        JsonNode n = object.get(name);
        if (!object.isObject() || n == null || n.isNull()) {
            throw new IOException("no member " + name);
        }
        return n;
    }

    private static String text(JsonNode object, String name) throws IOException {
        JsonNode n = member(object, name);
        if (!n.isTextual()) {
            throw new IOException(name + " is not a string");
        }
        return n.textValue();
    }

    private static int integer(JsonNode object, String name) throws IOException {
        JsonNode n = member(object, name);
        if (!n.isInt()) {
            throw new IOException(name + " is not an int");
        }
        return n.intValue();
    }

    private static boolean bool(JsonNode object, String name) throws IOException {
        JsonNode n = member(object, name);
        if (!n.isBoolean()) {
            throw new IOException(name + " is not a boolean");
        }
        return n.booleanValue();
    }

    private static Map<String, String> strings(JsonNode object) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            out.put(name, text(object, name));
        }
        return out;
    }

    private static Map<String, Integer> integers(JsonNode object) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            out.put(name, integer(object, name));
        }
        return out;
    }
}
