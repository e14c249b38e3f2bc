package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
        return INTERPRETED.contains(path.replaceAll("\\[\\d+]", ""));
    }

    List<DefinitionWarning> warnings() {
        return entries.stream().sorted(ReadReport::inDocumentOrder).map(Entry::warning).toList();
    }

    /** By line, column, then the order found (not Comparator's combinators: see CpuTune's constructor). */
    private static int inDocumentOrder(Entry a, Entry b) {
        int c = Integer.compare(a.line(), b.line());
        if (c == 0) {
            c = Integer.compare(a.column(), b.column());
        }
        return c != 0 ? c : Integer.compare(a.seq(), b.seq());
    }

    private record Entry(DefinitionWarning warning, int line, int column, int seq) {
    }
}
