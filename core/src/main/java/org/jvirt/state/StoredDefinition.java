package org.jvirt.state;

import java.util.UUID;
import java.util.function.Supplier;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;

/**
 * The stored definition of a running domain that a one-shot command looked up, read when a
 * command first asks for it: the domain's name and UUID came from its status file, and the
 * definition must name the same domain. Its errors say which domain's stored definition failed.
 */
record StoredDefinition(UUID uuid, String name, Supplier<DomainDef> parse) implements Supplier<DomainDef> {
    @Override
    public DomainDef get() {
        DomainDef def;
        try {
            def = parse.get();
        } catch (VirtException e) {
            throw new VirtException(e.code(), e.domain(),
                    "the stored definition of domain '" + name + "': " + e.getMessage(), e);
        }
        if (!def.uuid().equals(uuid) || !def.name().equals(name)) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN_CONF,
                    "the stored definition of domain '%s' names domain '%s' with uuid %s, its status file uuid %s",
                    name, def.name(), def.uuid(), uuid);
        }
        return def;
    }
}
