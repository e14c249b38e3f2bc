package org.jvirt.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * The domains of one driver connection, by UUID and by name. Adding and removing are atomic
 * against each other; everything else about a domain happens under its own job.
 */
public final class DomainList<R> {
    private final Map<UUID, DomainObject<R>> byUuid = new ConcurrentHashMap<>();
    private final Map<String, DomainObject<R>> byName = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Object structure = new Object();

    /**
     * The existing object for (uuid, name), or a new one made by {@code create}. A name taken by
     * another UUID, or a UUID known under another name, is DOM_EXIST.
     */
    public DomainObject<R> findOrAdd(UUID uuid, String name, Function<UUID, DomainObject<R>> create) {
        synchronized (structure) {
            DomainObject<R> sameUuid = byUuid.get(uuid);
            DomainObject<R> sameName = byName.get(name);
            if (sameUuid != null && !sameUuid.name().equals(name)) {
                throw VirtException.of(ErrorCode.DOM_EXIST, ErrorDomain.DOMAIN_CONF,
                        "domain '%s' is already defined with uuid %s", sameUuid.name(), uuid);
            }
            if (sameName != null && !sameName.uuid().equals(uuid)) {
                throw VirtException.of(ErrorCode.DOM_EXIST, ErrorDomain.DOMAIN_CONF,
                        "domain '%s' already exists with uuid %s", name, sameName.uuid());
            }
            if (sameUuid != null) {
                return sameUuid;
            }
            DomainObject<R> obj = create.apply(uuid);
            byUuid.put(uuid, obj);
            byName.put(name, obj);
            return obj;
        }
    }

    /** Removes {@code obj} (call inside its job, after {@link DomainObject#markRemoved}). */
    public void remove(DomainObject<R> obj) {
        synchronized (structure) {
            byUuid.remove(obj.uuid(), obj);
            byName.remove(obj.name(), obj);
        }
    }

    public Optional<DomainObject<R>> byUuid(UUID uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    public Optional<DomainObject<R>> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public DomainObject<R> require(UUID uuid) {
        DomainObject<R> obj = byUuid.get(uuid);
        if (obj == null) {
            throw noDomain("no domain with matching uuid '" + uuid + "'");
        }
        return obj;
    }

    public DomainObject<R> requireName(String name) {
        DomainObject<R> obj = byName.get(name);
        if (obj == null) {
            throw noDomain("no domain with matching name '" + name + "'");
        }
        return obj;
    }

    /** All domains, ordered by name. */
    public List<DomainObject<R>> all() {
        List<DomainObject<R>> list = new ArrayList<>(byUuid.values());
        list.sort(ByName.INSTANCE);
        return list;
    }

    /**
     * A class, not Comparator.comparing (JDK 25's start-up cache keeps no lambda made inside an
     * interface) nor a lambda (on JDK 17 each links its call site at run time): every one-shot
     * list sorts (docs/benchmarks.md).
     */
    private static final class ByName implements Comparator<DomainObject<?>> {
        static final ByName INSTANCE = new ByName();

        @Override
        public int compare(DomainObject<?> a, DomainObject<?> b) {
            return a.name().compareTo(b.name());
        }
    }

    public int size() {
        return byUuid.size();
    }

    /** The next domain id (ids start at 1 and are not reused while the list lives). */
    public int allocateId() {
        return nextId.getAndIncrement();
    }

    /** After reconnecting to running domains: later ids continue after the highest seen. */
    public void seenId(int id) {
        nextId.accumulateAndGet(id + 1, Math::max);
    }

    public static VirtException noDomain(String detail) {
        return VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.DOMAIN_CONF, "Domain not found: %s", detail);
    }
}
