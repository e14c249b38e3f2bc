package org.jvirt.driver.lxc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;
import org.jvirt.model.OpaqueNode;

/**
 * {@code <idmap><uid start target count/><gid .../></idmap>}: the user namespace maps of a
 * container (docs/lxc.md#a-container-definition: a user namespace only when both are given). The model keeps
 * the element
 * opaque; this reads it.
 */
public record IdMap(List<Range> uids, List<Range> gids) {
    public IdMap {
        uids = List.copyOf(uids);
        gids = List.copyOf(gids);
    }

    /** One line of {@code /proc/PID/uid_map}: inside id {@code start} is host id {@code target}. */
    public record Range(long start, long target, long count) {
        String line() {
            return start + " " + target + " " + count;
        }
    }

    /** The host uid of the namespace's root (inside uid 0), when the map covers it. */
    public java.util.OptionalLong hostRootUid() {
        return hostIdOfZero(uids);
    }

    /** The host gid of the namespace's root group (inside gid 0), when the map covers it. */
    public java.util.OptionalLong hostRootGid() {
        return hostIdOfZero(gids);
    }

    private static java.util.OptionalLong hostIdOfZero(List<Range> ranges) {
        for (Range r : ranges) {
            if (r.start() <= 0 && 0 < r.start() + r.count()) {
                return java.util.OptionalLong.of(r.target() - r.start());
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** The {@code uid_map} file content. */
    public String uidMap() {
        return lines(uids);
    }

    /** The {@code gid_map} file content. */
    public String gidMap() {
        return lines(gids);
    }

    private static String lines(List<Range> ranges) {
        StringBuilder b = new StringBuilder();
        for (Range r : ranges) {
            b.append(r.line()).append('\n');
        }
        return b.toString();
    }

    /** The map of {@code def}: empty without {@code <idmap>} or when uid or gid ranges are missing. */
    public static Optional<IdMap> of(DomainDef def) {
        for (OpaqueNode.Element e : def.extras().elements("idmap")) {
            List<Range> uids = new ArrayList<>();
            List<Range> gids = new ArrayList<>();
            for (OpaqueNode n : e.content()) {
                if (n instanceof OpaqueNode.Element c && (c.name().equals("uid") || c.name().equals("gid"))) {
                    (c.name().equals("uid") ? uids : gids).add(range(c));
                }
            }
            return uids.isEmpty() || gids.isEmpty() ? Optional.empty() : Optional.of(new IdMap(uids, gids));
        }
        return Optional.empty();
    }

    private static Range range(OpaqueNode.Element e) {
        return new Range(number(e, "start"), number(e, "target"), number(e, "count"));
    }

    private static long number(OpaqueNode.Element e, String attr) {
        String value = e.attribute(attr).orElseThrow(() -> VirtException.of(ErrorCode.XML_INVALID, ErrorDomain.LXC,
                        "idmap: <%s> attribute '%s' is required", e.name(), attr));
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0 || n > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException ex) {
            throw VirtException.of(ErrorCode.XML_INVALID, ErrorDomain.LXC,
                    "idmap: <%s %s='%s'> must be an unsigned 32-bit integer", e.name(), attr, value);
        }
    }
}
