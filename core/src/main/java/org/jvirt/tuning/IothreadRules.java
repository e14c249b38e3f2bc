package org.jvirt.tuning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DomainDef;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.Iothreads;
import org.jvirt.model.ThreadSched;

/**
 * libvirt's rules for adding, deleting and tuning I/O threads of a definition: ids from 1,
 * unique; a deleted thread takes its pin and its place in an {@code iothreadsched} with it; a
 * stored definition keeps only the worker pool bounds of {@code iothreadset}.
 */
public final class IothreadRules {
    /** QEMU's bound on the polling time (it takes a signed 64-bit number). */
    public static final long POLL_MAX = Long.MAX_VALUE;

    private IothreadRules() {
    }

    private static VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, ErrorDomain.DOMAIN_CONF, format, args);
    }

    /** {@code def} with I/O thread {@code id} added (after the others). */
    public static DomainDef add(DomainDef def, int id) {
        if (id <= 0) {
            throw error(ErrorCode.INVALID_ARG, "IOThread id must be greater than 0, got %d", id);
        }
        Iothreads t = def.iothreads();
        if (t.has(id)) {
            throw error(ErrorCode.INVALID_ARG, "an IOThread is already using iothread_id '%d'", id);
        }
        List<Integer> ids = new ArrayList<>(t.ids());
        ids.add(id);
        return def.toBuilder().iothreads(new Iothreads(t.count() + 1, ids, true, t.pools(), t.defaultPool())).build();
    }

    /** {@code def} without I/O thread {@code id}, its pin and its place in an iothreadsched. */
    public static DomainDef delete(DomainDef def, int id) {
        Iothreads t = requireThread(def, id);
        List<Integer> ids = new ArrayList<>(t.ids());
        ids.remove(Integer.valueOf(id));
        Map<Integer, Iothreads.ThreadPool> pools = new HashMap<>(t.pools());
        pools.remove(id);
        CpuTune tune = def.cputune();
        List<IothreadPin> pins = tune.iothreadPins().stream().filter(p -> p.iothread() != id).toList();
        List<ThreadSched> scheds = new ArrayList<>();
        for (ThreadSched s : tune.iothreadScheds()) {
            CpuSet rest = s.ids().orElse(CpuSet.EMPTY).minus(CpuSet.of(id));
            if (!rest.isEmpty()) {
                scheds.add(new ThreadSched(Optional.of(rest), s.scheduler(), s.priority()));
            }
        }
        CpuTune newTune = new CpuTune(tune.shares(), tune.period(), tune.quota(), tune.globalPeriod(),
                tune.globalQuota(), tune.emulatorPeriod(), tune.emulatorQuota(), tune.iothreadPeriod(),
                tune.iothreadQuota(), tune.vcpuPins(), tune.emulatorPin(), pins, tune.emulatorSched(),
                tune.vcpuScheds(), scheds, tune.extras());
        return def.toBuilder().iothreads(new Iothreads(t.count() - 1, ids, true, pools, t.defaultPool()))
                .cputune(newTune).build();
    }

    private static Iothreads requireThread(DomainDef def, int id) {
        Iothreads t = def.iothreads();
        if (!t.has(id)) {
            throw error(ErrorCode.INVALID_ARG, "cannot find IOThread '%d' in iothreadids list", id);
        }
        return t;
    }

    /** INVALID_ARG for values QEMU and libvirt refuse (negative, or a pool minimum above its maximum). */
    public static void check(IothreadParameters p) {
        if (p.isEmpty()) {
            throw error(ErrorCode.INVALID_ARG, "no IOThread parameter given (poll-max-ns, poll-grow, poll-shrink, "
                    + "thread-pool-min, thread-pool-max)");
        }
        nonNegative("poll-max-ns", p.pollMaxNs().orElse(0));
        nonNegative("poll-grow", p.pollGrow().orElse(0));
        nonNegative("poll-shrink", p.pollShrink().orElse(0));
        nonNegative("thread-pool-min", p.threadPoolMin().orElse(0));
        nonNegative("thread-pool-max", p.threadPoolMax().orElse(0));
        if (p.threadPoolMax().isPresent() && p.threadPoolMax().getAsInt() < 1) {
            throw error(ErrorCode.INVALID_ARG, "thread-pool-max must be at least 1, got %d",
                    p.threadPoolMax().getAsInt());
        }
    }

    private static void nonNegative(String name, long value) {
        if (value < 0) {
            throw error(ErrorCode.INVALID_ARG, "%s must not be negative, got %d", name, value);
        }
    }

    /**
     * {@code def} with the worker pool of I/O thread {@code id} changed by {@code p} (the one part
     * of iothreadset a definition keeps); the pool's minimum may not exceed its maximum.
     */
    public static DomainDef setPool(DomainDef def, int id, IothreadParameters p) {
        Iothreads t = requireThread(def, id);
        Iothreads.ThreadPool old = t.pool(id).orElse(new Iothreads.ThreadPool(java.util.OptionalInt.empty(),
                java.util.OptionalInt.empty()));
        java.util.OptionalInt min = p.threadPoolMin().isPresent() ? p.threadPoolMin() : old.min();
        java.util.OptionalInt max = p.threadPoolMax().isPresent() ? p.threadPoolMax() : old.max();
        Iothreads.ThreadPool pool;
        try {
            pool = new Iothreads.ThreadPool(min, max);
        } catch (IllegalArgumentException e) {
            throw error(ErrorCode.INVALID_ARG, "IOThread %d: thread-pool-min %s must not be above thread-pool-max %s",
                    id, min.isPresent() ? min.getAsInt() : "(none)", max.isPresent() ? max.getAsInt() : "(none)");
        }
        Map<Integer, Iothreads.ThreadPool> pools = new HashMap<>(t.pools());
        pools.put(id, pool);
        return def.toBuilder().iothreads(new Iothreads(t.count(), t.ids(), true, pools, t.defaultPool()))
                .build();
    }

    /** INVALID_ARG unless {@code def} has I/O thread {@code id}. */
    public static void requireExists(DomainDef def, int id) {
        requireThread(def, id);
    }
}
