package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * The order libvirt keeps disks in, which it writes them in too: each disk goes after the last
 * disk of its bus (as written: a disk without {@code bus} is of its own group) whose target comes
 * before it, before the first one whose target comes after it; a disk of a bus not seen yet goes
 * last. Targets compare by their drive letters: {@code vda} 0, {@code vdz} 25, {@code vdaa} 26.
 */
final class DiskOrder {
    private static final List<String> PREFIXES = List.of("fd", "hd", "vd", "sd", "xvd", "ubd");

    /** One disk: its bus as written ({@code ""} when none) and its target. */
    record Key(String bus, String target) {
    }

    private DiskOrder() {
    }

    /** The positions of {@code disks} (in document order) in libvirt's order. */
    static List<Integer> order(List<Key> disks) {
        List<Integer> out = new ArrayList<>();
        for (int n = 0; n < disks.size(); n++) {
            Key disk = disks.get(n);
            int insertAt = -1;
            for (int i = out.size() - 1; i >= 0; i--) {
                Key other = disks.get(out.get(i));
                if (!other.bus().equals(disk.bus())) {
                    continue;
                }
                if (index(other.target()) > index(disk.target())) {
                    insertAt = i;
                } else if (insertAt == -1) {
                    insertAt = i + 1;
                }
            }
            out.add(insertAt < 0 ? out.size() : insertAt, n);
        }
        return out;
    }

    /** libvirt's drive index of a target name, or -1 when it is not of the form PREFIX LETTERS DIGITS. */
    static int index(String target) {
        String rest = null;
        for (String prefix : PREFIXES) {
            if (target.startsWith(prefix)) {
                rest = target.substring(prefix.length());
                break;
            }
        }
        if (rest == null) {
            return -1;
        }
        long idx = 0;
        int i = 0;
        while (i < rest.length() && rest.charAt(i) >= 'a' && rest.charAt(i) <= 'z') {
            idx = Math.min((idx + (i < 1 ? 0 : 1)) * 26 + (rest.charAt(i) - 'a'), Integer.MAX_VALUE);
            i++;
        }
        for (int j = i; j < rest.length(); j++) {
            if (rest.charAt(j) < '0' || rest.charAt(j) > '9') {
                return -1;
            }
        }
        return (int) idx;
    }
}
