package org.jvirt.driver.qemu.command;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jvirt.driver.qemu.monitor.QmpJson;
import org.jvirt.model.CpuSet;

/**
 * Formatting of option values: {@code key=value} lists with comma doubling, and JSON options
 * (Jackson's tree, written as QMP's commands are: no {@code ObjectMapper}, whose hundreds of
 * classes a start would otherwise set up, and every process's start-up cache would hold).
 */
final class Opts {
    private Opts() {
    }

    /** A value inside a {@code key=value,...} option: every comma doubled. */
    static String esc(String value) {
        return value.replace(",", ",,");
    }

    static ObjectNode object(String firstKey, String firstValue) {
        ObjectNode n = QmpJson.object();
        n.put(firstKey, firstValue);
        return n;
    }

    static ArrayNode ints(CpuSet set) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        set.stream().forEach(a::add);
        return a;
    }

    /** One argv element holding {@code node} as compact JSON (no comma escaping: JSON syntax). */
    static String json(ObjectNode node) {
        return QmpJson.write(node);
    }

    /** {@code CpuSet} as QEMU's repeated {@code key=A-B} ranges: {@code cpus=0-1,cpus=3}. */
    static String ranges(String key, CpuSet set) {
        StringBuilder sb = new StringBuilder();
        for (String part : set.format().split(",")) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(key).append('=').append(part);
        }
        return sb.toString();
    }

    static void add(List<String> argv, String option, String value) {
        argv.add(option);
        argv.add(value);
    }
}
