package org.jvirt.state;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jvirt.DomainState;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;

/**
 * One domain as a driver holds it: its persistent definition (absent for a transient domain),
 * its live definition (present while active), its state and id, and the driver's runtime data.
 * Every field is read and written under the domain's job lock ({@link #job}), so operations on
 * different domains never wait for each other.
 *
 * @param <R> the driver's runtime data for an active domain (process handle, threads, ...)
 */
public final class DomainObject<R> {
    private static final long JOB_WAIT_SECONDS = 30;

    private final UUID uuid;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();

    private DomainDef persistent;
    /** Reads the persistent definition when first asked for ({@link #setPersistentLazily}). */
    private Supplier<DomainDef> persistentSource;
    private DomainDef live;
    private StateInfo state = new StateInfo(DomainState.SHUTOFF, StateReason.UNKNOWN);
    private int id = -1;
    private R runtime;
    private boolean removed;
    private Object statusStamp;
    private Formatted formatted;

    /** The XML last formatted from one of its definitions, with what it was formatted from. */
    private record Formatted(DomainDef def, boolean secure, OptionalInt id, String xml) {
    }

    public DomainObject(UUID uuid, String name) {
        this.uuid = Objects.requireNonNull(uuid, "uuid");
        this.name = Objects.requireNonNull(name, "name");
    }

    public UUID uuid() {
        return uuid;
    }

    public String name() {
        return name;
    }

    /** Runs {@code work} holding this domain's job; waits at most 30 s for another job to end. */
    public <T> T job(Supplier<T> work) {
        enterJob();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public void jobRun(Runnable work) {
        enterJob();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether it is active, read inside its job (without a lambda, as a list or lookup in every
     * one-shot command asks: JDK 17 links each lambda's call site at run time).
     */
    public boolean isActiveNow() {
        enterJob();
        try {
            return isActive();
        } finally {
            lock.unlock();
        }
    }

    /** Its id, read inside its job ({@link #isActiveNow()} says why so). */
    public OptionalInt idNow() {
        enterJob();
        try {
            return id();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the job lock (unless it is no longer there): the caller unlocks it. */
    private void enterJob() {
        try {
            if (!lock.tryLock(JOB_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.DOMAIN_CONF,
                        "domain '%s' is busy: another operation did not finish within %d s", name,
                        JOB_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.DOMAIN_CONF,
                    "interrupted while waiting for domain '%s'", name);
        }
        if (removed) {
            lock.unlock();
            throw VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.DOMAIN_CONF,
                    "Domain not found: no domain with matching uuid '%s' (%s)", uuid, name);
        }
    }

    private void checkLocked() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("domain '" + name + "' accessed outside its job");
        }
    }

    /** The persistent definition; one set {@linkplain #setPersistentLazily lazily} is read now (its errors thrown). */
    public Optional<DomainDef> persistent() {
        checkLocked();
        return Optional.ofNullable(readPersistent());
    }

    private DomainDef readPersistent() {
        Supplier<DomainDef> source = persistentSource;
        if (source != null) {
            persistent = source.get();
            persistentSource = null;
        }
        return persistent;
    }

    public Optional<DomainDef> live() {
        checkLocked();
        return Optional.ofNullable(live);
    }

    /** The live definition when active, else the persistent one. */
    public DomainDef current() {
        checkLocked();
        return live != null ? live : readPersistent();
    }

    public void setPersistent(DomainDef def) {
        checkLocked();
        persistent = def;
        persistentSource = null;
    }

    /**
     * A persistent definition that {@code source} reads when a command first asks for it
     * ({@link #persistent}, or {@link #current} while inactive): a one-shot command on a running
     * domain that needs only its live definition never parses it. Until then the domain is
     * {@linkplain #isPersistent persistent}; a failure of {@code source} is thrown to whoever asks,
     * and it is asked again next time.
     */
    public void setPersistentLazily(Supplier<DomainDef> source) {
        checkLocked();
        persistent = null;
        persistentSource = Objects.requireNonNull(source, "source");
    }

    public void setLive(DomainDef def) {
        checkLocked();
        live = def;
    }

    public StateInfo state() {
        checkLocked();
        return state;
    }

    public void setState(DomainState s, StateReason reason) {
        checkLocked();
        state = new StateInfo(s, reason);
    }

    public boolean isActive() {
        checkLocked();
        return state.state().isActive();
    }

    public boolean isPersistent() {
        checkLocked();
        return persistent != null || persistentSource != null;
    }

    public OptionalInt id() {
        checkLocked();
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    public void setId(int value) {
        checkLocked();
        id = value;
    }

    public Optional<R> runtime() {
        checkLocked();
        return Optional.ofNullable(runtime);
    }

    public void setRuntime(R value) {
        checkLocked();
        runtime = value;
    }

    /** Whether the calling thread runs the outermost job on this domain (not one nested in it). */
    public boolean isOutermostJob() {
        return lock.isHeldByCurrentThread() && lock.getHoldCount() == 1;
    }

    /**
     * What this connection last knew of the domain's status file ({@link StatusStore#stamp}): a
     * file with another stamp was rewritten by another process since.
     */
    public Object statusStamp() {
        checkLocked();
        return statusStamp;
    }

    public void setStatusStamp(Object stamp) {
        checkLocked();
        statusStamp = stamp;
    }

    /**
     * The XML of {@code def} (one of this domain's definitions, immutable) with its secrets unless
     * {@code secure}, and {@code id}: the text {@code format} made last time when it is asked for
     * the same definition object again (a client polling dumpxml of an unchanged domain), else what
     * {@code format} makes now. Any change of the domain makes a new definition object.
     */
    public String formattedXml(DomainDef def, boolean secure, OptionalInt id, Supplier<String> format) {
        checkLocked();
        Formatted f = formatted;
        if (f == null || f.def() != def || f.secure() != secure || !f.id().equals(id)) {
            f = new Formatted(def, secure, id, format.get());
            formatted = f;
        }
        return f.xml();
    }

    /** Marks the object gone: later jobs on it fail with NO_DOMAIN. */
    public void markRemoved() {
        checkLocked();
        removed = true;
    }

    public boolean isRemoved() {
        return removed;
    }
}
