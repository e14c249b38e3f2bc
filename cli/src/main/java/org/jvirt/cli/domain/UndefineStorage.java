package org.jvirt.cli.domain;

import org.jvirt.XmlFlag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.w3c.dom.Node;

/**
 * {@code undefine --storage/--remove-all-storage}: virsh removes the storage volumes of the
 * domain's disks that a storage pool manages and, for the others, says to remove them by hand.
 * jvirt has no storage pools, so every disk is one of those others: the command names each
 * selected disk that way, removes nothing, and undefines the domain.
 */
final class UndefineStorage {
    private UndefineStorage() {
    }

    static CommandSpec.Builder options(CommandSpec.Builder b) {
        return b.option(OptionSpec.optional("storage", Kind.STRING, "remove associated storage volumes (comma "
                        + "separated list of targets or source paths) (see domblklist)"))
                .flag("remove-all-storage", "remove all associated storage volumes (use with caution)")
                .flag("delete-storage-volume-snapshots", "delete snapshots associated with volume(s), requires "
                        + "--remove-all-storage (must be supported by storage driver)")
                .flag("wipe-storage", "wipe data on the removed volumes");
    }

    /** The options' own rules, checked before the domain is looked up. */
    static void checkOptions(Invocation inv) {
        inv.requires("delete-storage-volume-snapshots", "remove-all-storage");
        if (inv.flag("wipe-storage") && !inv.flag("remove-all-storage") && inv.string("storage").isEmpty()) {
            throw CommandFailure.of("'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'");
        }
    }

    /**
     * Says, before the domain is undefined, which selected disks are left to the user; fails,
     * undefining nothing, when the domain runs or a listed volume is not one of its disks.
     */
    static void reportUnmanaged(Invocation inv, Domain d) {
        boolean all = inv.flag("remove-all-storage");
        Optional<String> listed = inv.string("storage");
        if (!all && listed.isEmpty()) {
            return;
        }
        if (d.isActive()) {
            throw CommandFailure.of("Storage volume deletion is supported only on stopped domains");
        }
        Set<String> wanted = new LinkedHashSet<>(listed.map(s -> Arrays.asList(s.split(","))).orElse(List.of()));
        XmlQuery xml = XmlQuery.of(d.xml(XmlFlag.INACTIVE));
        List<String> unmanaged = new ArrayList<>();
        for (Node disk : xml.nodes("/domain/devices/disk")) {
            Optional<String> source = xml.string(disk, "source/@file|source/@dev|source/@dir|source/@name"
                    + "|source/@volume");
            String target = xml.string(disk, "target/@dev").orElse("");
            if (source.isEmpty()) {
                continue;
            }
            boolean chosen = all ? "disk".equals(xml.string(disk, "@device").orElse("disk"))
                    : wanted.remove(target) | wanted.remove(source.get());
            if (chosen) {
                unmanaged.add("Storage volume '" + target + "'(" + source.get()
                        + ") is not managed by jvirt. Remove it manually.");
            }
        }
        unmanaged.forEach(inv.out()::error);
        if (!all && !wanted.isEmpty()) {
            throw CommandFailure.of("Volume '" + wanted.iterator().next() + "' was not found in domain's definition.");
        }
    }
}
