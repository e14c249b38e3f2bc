package org.jvirt.spi;

import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

import org.jvirt.DestroyOptions;
import org.jvirt.DomainInfo;
import org.jvirt.StartOptions;
import org.jvirt.StateInfo;
import org.jvirt.model.DomainDef;

/**
 * Domain lifecycle and lookup, as a driver implements it. Domains are addressed by UUID; an
 * unknown one is {@code NO_DOMAIN}. Every method is thread-safe.
 */
public interface DomainOps {
    List<DomainSummary> list();

    DomainSummary lookupByName(String name);

    DomainSummary lookupByUuid(UUID uuid);

    DomainSummary lookupById(int id);

    /**
     * {@link #lookupByName} for a caller that needs only the name and UUID ({@code
     * Connection.lookupByName}): a driver for which state and persistence cost more than the
     * lookup (a remote one: another call) answers without them.
     */
    default DomainIdentity identifyByName(String name) {
        return DomainIdentity.of(lookupByName(name));
    }

    /** {@link #identifyByName} by UUID. */
    default DomainIdentity identifyByUuid(UUID uuid) {
        return DomainIdentity.of(lookupByUuid(uuid));
    }

    /** {@link #identifyByName} by id. */
    default DomainIdentity identifyById(int id) {
        return DomainIdentity.of(lookupById(id));
    }

    /** Defines (or redefines) a persistent domain from XML. */
    Defined define(String xml);

    /** Creates and starts a transient domain from XML. */
    Defined create(String xml, org.jvirt.StartOptions options);

    void start(UUID uuid, StartOptions options);

    void destroy(UUID uuid, DestroyOptions options);

    void shutdown(UUID uuid);

    void reboot(UUID uuid);

    void suspend(UUID uuid);

    void resume(UUID uuid);

    void undefine(UUID uuid);

    StateInfo state(UUID uuid);

    DomainInfo info(UUID uuid);

    OptionalInt id(UUID uuid);

    /** The live definition when running and {@code inactive} is false, else the persistent one. */
    DomainDef definition(UUID uuid, boolean inactive);

    /**
     * {@link #definition} as domain XML, in the shape of {@code virsh dumpxml}, as {@code flags}
     * ask ({@link org.jvirt.Domain#xml}); the caller has checked that the connection may see secrets.
     */
    String xml(UUID uuid, java.util.Set<org.jvirt.XmlFlag> flags);
}
