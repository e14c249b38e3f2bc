package org.jvirt.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jvirt.StateInfo;
import org.jvirt.driver.JobGuard;
import org.jvirt.error.VirtException;
import org.jvirt.log.LazyLogger;
import org.jvirt.model.DomainDef;
import org.jvirt.spi.DomainSummary;
import org.jvirt.xml.DomainStatus;

/**
 * How a {@link ManagedConnection} reads what the driver's {@link DomainStore} holds (all of it
 * when the connection opens, or each domain when first looked up) and follows what other
 * processes change there: definitions and status files that appeared, domains started or
 * undefined elsewhere, jobs a process that died left unfinished. The connection's
 * {@link ManagedDomains} ask it before a lookup or a list answers.
 *
 * @param <R> the driver's runtime data for an active domain
 */
final class DomainFollowing<R> implements DomainFollower {
    private static final LazyLogger LOG = LazyLogger.of(DomainFollowing.class);

    private final ManagedDriver<R> driver;
    private final ManagedDomains<R> domains;
    /** What {@link #restore} read from, kept to follow other processes' changes on lookup. */
    private volatile Stores stores;
    /** Set by {@link #restoreOnDemand}: domains are read as they are looked up. */
    private volatile boolean onDemand;

    private record Stores(ConfigStore configs, Function<String, DomainDef> parser, StatusStore statuses,
                          Consumer<DomainStatus> takeOver) {
    }

    DomainFollowing(ManagedDriver<R> driver) {
        this.driver = driver;
        this.domains = new ManagedDomains<>(driver, this);
        // an anonymous class rather than a lambda: JDK 17 links each lambda's call site at run time
        driver.onStartedElsewhere(new Consumer<String>() {
            @Override
            public void accept(String name) {
                try {
                    takeOverStarted(name);
                } catch (VirtException e) {
                    LOG.warn("cannot take over domain '{}': {}", name, e.getMessage());
                }
            }
        });
    }

    /** The connection's domains, which ask this before a lookup or a list answers. */
    ManagedDomains<R> domains() {
        return domains;
    }

    /**
     * Restores every definition of the driver's on-disk store (read with {@code parser}), then
     * hands each status file to {@code takeOver}, which checks that its domain still runs. A file
     * that cannot be loaded is logged and stays on disk for the user to fix.
     */
    void restore(Function<String, DomainDef> parser, Consumer<DomainStatus> takeOver) {
        Stores kept = keep(parser, takeOver);
        ConfigStore configs = kept.configs();
        StatusStore statuses = kept.statuses();
        ConfigStore.Loaded defs = configs.loadAll(parser);
        for (StoredFile f : defs.broken()) {
            LOG.warn("skipping the stored definition {}: {}", f.file(), f.problem());
        }
        for (DomainDef def : defs.defs()) {
            domains.restoreDefined(def);
        }
        Set<String> left = recoverHost();
        StatusStore.Loaded active = statuses.loadAll();
        for (StoredFile f : active.broken()) {
            LOG.warn("ignoring the status file {}: {}", f.file(), f.problem());
        }
        for (DomainStatus status : active.statuses()) {
            takeOver.accept(status);
            restoredFrom(status.name(), active.stamps().get(status.name()));
        }
        recoverLive(left);
    }

    /**
     * As {@link #restore}, but reads nothing now: each domain's files are read when a command
     * first looks it up by name ({@link #follow}), and all of them before a list, a lookup by UUID
     * or id ({@link ManagedDomains#list}) or {@link #knowAll}. For a connection that serves one
     * command (jvirsh's one-shot): opening it then costs the same whatever the number of domains
     * the driver keeps.
     */
    void restoreOnDemand(Function<String, DomainDef> parser, Consumer<DomainStatus> takeOver) {
        keep(parser, takeOver);
        onDemand = true;
    }

    /** The driver's stores with how to read and take over what they hold, kept for {@link #follow}. */
    private Stores keep(Function<String, DomainDef> parser, Consumer<DomainStatus> takeOver) {
        Stores s = new Stores(driver.store().configs().orElseThrow(), parser, driver.store().statuses().orElseThrow(),
                takeOver);
        stores = s;
        return s;
    }

    /**
     * Reads every domain's files that this connection has not read yet (after {@link #restoreOnDemand};
     * nothing to do after {@link #restore}), as before a list: for what must know all domains.
     */
    @Override
    public void knowAll() {
        if (onDemand) {
            followAll();
        }
    }

    /**
     * The status file that the active domain {@code name} was just restored from had
     * {@code stamp} before it was read: the domain's first job reads the file again only if it
     * changed since ({@link JobSync#follow}), not in every one-shot command.
     */
    private void restoredFrom(String name, Object stamp) {
        driver.domains().byName(name).ifPresent(obj -> obj.job(() -> {
            if (obj.isActive() && obj.statusStamp() == null) {
                obj.setStatusStamp(stamp);
            }
            return null;
        }));
    }

    /**
     * A jvirt process that died in the middle of a job left its record in the domain's lock file:
     * the driver undoes or finishes on the host what that job did (a start is rolled back unless
     * it completed, a destroy is finished), before the status files are read. Domains another
     * process holds now are left to it. Returns the domains whose record is still there.
     */
    private Set<String> recoverHost() {
        Set<String> names = recordedJobs();
        for (String name : names) {
            try {
                driver.hypervisor().tryJobGuard(name, "recover").ifPresent(JobGuard::close);
            } catch (VirtException e) {
                LOG.warn("domain '{}': cannot finish what an interrupted job left: {}", name, e.getMessage());
            }
        }
        return names.isEmpty() ? names : recordedJobs();
    }

    private Set<String> recordedJobs() {
        try {
            return driver.hypervisor().recordedJobs();
        } catch (VirtException e) {
            LOG.warn("{}", e.getMessage());
            return Set.of();
        }
    }

    /**
     * Then each running domain among {@code names} gets its threads put back as its live
     * definition says; the record of a domain that no longer exists (an undefine cut short, say)
     * is finished and cleared.
     */
    private void recoverLive(Set<String> names) {
        for (String name : names) {
            try {
                Optional<DomainObject<Active<R>>> obj = driver.domains().byName(name);
                if (obj.isPresent()) {
                    driver.tryJob(obj.get(), "recover", () -> { });
                } else {
                    clearOrphanRecord(name);
                }
            } catch (VirtException e) {
                LOG.warn("domain '{}': cannot finish what an interrupted job left: {}", name, e.getMessage());
            }
        }
    }

    /**
     * A job record of a domain that neither a definition nor a status names any more: under its
     * lock (so no start or define-and-start of another process runs meanwhile) an undefine is
     * finished, and the record cleared; it would otherwise stay in the lock file for good.
     */
    private void clearOrphanRecord(String name) {
        driver.hypervisor().tryJobGuard(name, "recover").ifPresent(guard -> {
            try (JobGuard g = guard) {
                if (g.interruptedJob().isPresent() && !driver.store().holdsAny(name)) {
                    LOG.info("domain '{}' is gone; clearing what its interrupted job '{}' left", name,
                            g.interruptedJob().get());
                    driver.store().finishUndefine(name);
                    g.resolved();
                }
            }
        });
    }

    /** What the status file of {@code name} says of its state; empty without one (or unreadable). */
    @Override
    public Optional<StateInfo> storedState(String name) {
        Stores s = stores;
        if (s == null) {
            return Optional.empty();
        }
        try {
            return s.statuses().load(name).map(st -> new StateInfo(st.state(), st.reason()));
        } catch (VirtException e) {
            LOG.warn("cannot read the status of domain '{}': {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A lookup of {@code name} found no domain, or an inactive one: another jvirt process may
     * have defined or started it since this connection read the driver's files. Reads that
     * domain's definition and status again, as {@link #restore} did for all of them.
     */
    @Override
    public void follow(String name) {
        follow(name, recordedJobs());
    }

    /**
     * As {@link #follow(String)}, given the domains with a job record ({@link #recordedJobs}, read
     * once for all the domains a list follows); returns them as they are after this one.
     */
    private Set<String> follow(String name, Set<String> recorded) {
        Stores s = stores;
        if (s == null) {
            return recorded;
        }
        Set<String> after = recorded;
        try {
            if (recorded.contains(name)) {
                recoverLive(recoverHost());
                after = recordedJobs();
            }
            if (!domains.isKnown(name)) {
                Optional<String> text = s.configs().read(name);
                if (text.isPresent() && onDemand && followRunning(s, name, text.get())) {
                    return after;
                }
                if (text.isPresent()) {
                    domains.restoreDefined(s.parser().apply(text.get()));
                }
            }
            takeOverStarted(name);
        } catch (VirtException e) {
            LOG.warn("cannot follow domain '{}' from the stored files: {}", name, e.getMessage());
        }
        return after;
    }

    /**
     * A one-shot command's lookup of a domain that has a status file: the domain is taken over
     * from it, and its stored {@code definition} is parsed only when a command asks for it
     * ({@code setvcpus --live} never does). False, to read both as {@link #follow} does, when the
     * status file is missing, unreadable or names another domain.
     */
    private boolean followRunning(Stores s, String name, String definition) {
        Optional<Object> stamp = s.statuses().stamp(name);
        Optional<DomainStatus> status;
        try {
            status = s.statuses().load(name);
        } catch (VirtException e) {
            return false;
        }
        if (status.isEmpty() || !status.get().name().equals(name)) {
            return false;
        }
        domains.restoreDefinedLazily(status.get().live().uuid(), name, () -> s.parser().apply(definition));
        takeOver(s, name, status.get(), stamp);
        return true;
    }

    /**
     * Takes over {@code name} when its status file says another process started it and this
     * connection knows it as inactive (also from inside a job on it, see {@link JobSync}).
     */
    private void takeOverStarted(String name) {
        Stores s = stores;
        if (s == null) {
            return;
        }
        Optional<Object> stamp = s.statuses().stamp(name);
        Optional<DomainStatus> status = s.statuses().load(name);
        if (status.isPresent() && !domains.isActive(name)) {
            takeOver(s, name, status.get(), stamp);
        }
    }

    /** Takes {@code name} over from {@code status}, read from its file when the file had {@code stamp}. */
    private void takeOver(Stores s, String name, DomainStatus status, Optional<Object> stamp) {
        s.takeOver().accept(status);
        // read once: the domain's first job reads it again only if it changed since
        if (stamp.isPresent()) {
            restoredFrom(name, stamp.get());
        }
    }

    /**
     * Before a list: definitions stored by another process that this connection does not know
     * are read, inactive persistent domains whose definition file is gone are dropped (undefined
     * elsewhere), and each status file of a domain this connection does not know as active is
     * followed as a lookup would. Only new files are parsed.
     */
    @Override
    public void followAll() {
        Stores s = stores;
        if (s == null) {
            return;
        }
        try {
            Map<Path, DomainSummary> byConfig = new HashMap<>();
            Map<Path, DomainSummary> byStatus = new HashMap<>();
            for (DomainSummary k : domains.listKnown()) {
                byConfig.put(s.configs().fileOf(k.name()), k);
                byStatus.put(s.statuses().fileOf(k.name()), k);
            }
            // loops, not streams: this runs when every connection opens (docs/benchmarks.md, JDK 17)
            List<Path> unknown = new ArrayList<>();
            for (Path f : s.configs().files()) {
                if (!byConfig.containsKey(f)) {
                    unknown.add(f);
                }
            }
            for (DomainDef def : s.configs().load(unknown, s.parser()).defs()) {
                domains.restoreDefined(def);
            }
            for (Map.Entry<Path, DomainSummary> k : byConfig.entrySet()) {
                DomainSummary known = k.getValue();
                if (known.persistent() && !known.state().state().isActive() && !Files.exists(k.getKey())) {
                    domains.dropUndefined(known.name());
                }
            }
            Set<String> recorded = null;
            for (Path f : s.statuses().files()) {
                DomainSummary known = byStatus.get(f);
                if (known != null && known.state().state().isActive()) {
                    continue;
                }
                Optional<String> name = known == null ? s.statuses().nameIn(f) : Optional.of(known.name());
                if (name.isPresent()) {
                    recorded = follow(name.get(), recorded == null ? recordedJobs() : recorded);
                }
            }
        } catch (VirtException e) {
            LOG.warn("cannot follow the stored files: {}", e.getMessage());
        }
    }
}
