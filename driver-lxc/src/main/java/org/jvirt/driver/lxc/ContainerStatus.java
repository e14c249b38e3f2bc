package org.jvirt.driver.lxc;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;
import java.util.Properties;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/**
 * The run-time facts of an active container kept in {@code STATE_DIR/NAME.status} (beside the
 * live definition {@code NAME.xml}), enough for a new JVM to take it over: which processes, the
 * init's start time (against pid reuse), its cgroup, numad's advice.
 */
public record ContainerStatus(int id, long unsharePid, long initPid, long initStartTime, String cgroup,
                              Optional<CpuSet> numadNodes) {
    public String format() {
        Properties p = new Properties();
        p.setProperty("id", Integer.toString(id));
        p.setProperty("unshare.pid", Long.toString(unsharePid));
        p.setProperty("init.pid", Long.toString(initPid));
        p.setProperty("init.start", Long.toString(initStartTime));
        p.setProperty("cgroup", cgroup);
        numadNodes.ifPresent(n -> p.setProperty("numad.nodeset", n.format()));
        StringWriter w = new StringWriter();
        try {
            p.store(w, "jvirt LXC container status");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** Parses a status file; {@code where} names it in errors. */
    public static ContainerStatus parse(String text, String where) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return new ContainerStatus((int) number(p, "id", where), number(p, "unshare.pid", where),
                    number(p, "init.pid", where), number(p, "init.start", where), required(p, "cgroup", where),
                    Optional.ofNullable(p.getProperty("numad.nodeset")).map(s -> CpuSet.parse(s, where)));
        } catch (IOException | IllegalArgumentException e) {
            throw bad(where, e.getMessage());
        }
    }

    private static long number(Properties p, String key, String where) {
        try {
            long v = Long.parseLong(required(p, key, where).strip());
            if (v < 0 || key.equals("id") && v > Integer.MAX_VALUE) {
                throw bad(where, key + " is out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(where, key + " is not a number");
        }
    }

    private static String required(Properties p, String key, String where) {
        String v = p.getProperty(key);
        if (v == null) {
            throw bad(where, key + " is missing");
        }
        return v;
    }

    private static VirtException bad(String where, String what) {
        return VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.LXC, "corrupt status file %s: %s", where, what);
    }
}
