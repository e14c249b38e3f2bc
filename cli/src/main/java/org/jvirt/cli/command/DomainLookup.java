package org.jvirt.cli.command;

import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.error.VirtException;

/**
 * Finds the domain a command argument names, as virsh does: as an id (a non-negative number),
 * then as a UUID (36 characters), then as a name; each command says which of these it accepts
 * ({@code domname} takes no name, {@code domid} no id).
 */
public final class DomainLookup {
    /** What an argument may be. */
    public enum By { ID, UUID, NAME }

    public static final Set<By> ANY = EnumSet.allOf(By.class);

    private DomainLookup() {
    }

    public static Domain find(Connection conn, String text, Set<By> by) {
        Optional<Domain> found = Optional.empty();
        if (by.contains(By.ID)) {
            OptionalInt id = parseId(text);
            if (id.isPresent() && id.getAsInt() >= 0) {
                found = attempt(() -> conn.lookupById(id.getAsInt()));
            }
        }
        if (found.isEmpty() && by.contains(By.UUID) && text.length() == 36) {
            try {
                UUID uuid = UUID.fromString(text);
                found = attempt(() -> conn.lookupByUuid(uuid));
            } catch (IllegalArgumentException e) {
                // not a UUID: try the name
            }
        }
        if (found.isEmpty() && by.contains(By.NAME)) {
            found = attempt(() -> conn.lookupByName(text));
        }
        return found.orElseThrow(() -> CommandFailure.of("failed to get domain '" + text + "'"));
    }

    private static Optional<Domain> attempt(Supplier<Domain> lookup) {
        try {
            return Optional.ofNullable(lookup.get());
        } catch (VirtException e) {
            return Optional.empty();
        }
    }

    /** A strict decimal int ({@code virStrToLong_i}): optional sign, digits only, no overflow. */
    private static OptionalInt parseId(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
