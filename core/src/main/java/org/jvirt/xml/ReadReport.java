package org.jvirt.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jvirt.model.DefinitionWarning;

/** The warnings of one read, in document order. */
final class ReadReport {
    /**
     * Kept content that a driver reads from the extras rather than from a model record, so it is
     * used and no warning is due: a container's {@code <idmap>}, {@code <os><initgroup>} and
     * {@code <features><capabilities>}, the {@code <ip>} and {@code <route>} of its interfaces, and
     * the {@code <source usage units>} of a {@code <filesystem type='ram'>} (driver-lxc).
     */
    private static final Set<String> INTERPRETED = Set.of("/domain/idmap", "/domain/os/initgroup",
            "/domain/features/capabilities", "/domain/devices/interface/ip", "/domain/devices/interface/route",
            "/domain/devices/filesystem/source");

    private final List<Entry> entries = new ArrayList<>();

    void add(DefinitionWarning warning, int line, int column) {
        entries.add(new Entry(warning, line, column, entries.size()));
    }

    boolean interpreted(String path) {
        return INTERPRETED.contains(Index.PATTERN.matcher(path).replaceAll(""));
    }

    List<DefinitionWarning> warnings() {
        List<Entry> sorted = new ArrayList<>(entries);
        Collections.sort(sorted);
        List<DefinitionWarning> out = new ArrayList<>(sorted.size());
        for (Entry e : sorted) {
            out.add(e.warning());
        }
        return List.copyOf(out);
    }

    /**
     * Ordered as in the document: by line, column, then the order found (not Comparator's
     * combinators: see CpuTune's constructor; nor a stream: every domain read reports).
     */
    private record Entry(DefinitionWarning warning, int line, int column, int seq) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int c = Integer.compare(line, other.line);
            if (c == 0) {
                c = Integer.compare(column, other.column);
            }
            return c != 0 ? c : Integer.compare(seq, other.seq);
        }
    }

    /** An index in a path, {@code [N]}: compiled when a path is first checked, not with every read. */
    private static final class Index {
        static final Pattern PATTERN = Pattern.compile("\\[\\d+]");
    }
}
