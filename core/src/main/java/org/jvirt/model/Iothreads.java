package org.jvirt.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <iothreads>N</iothreads>}, {@code <iothreadids>} and {@code <defaultiothread>}: after
 * reading, {@code ids} has exactly {@code count} unique ids >= 1 (missing ones numbered with the
 * lowest free ids), in the order given.
 *
 * @param idsExplicit   whether {@code <iothreadids>} is written when formatting
 * @param pools         the worker thread pool of I/O threads that set one, by id
 * @param defaultPool   {@code <defaultiothread thread_pool_min thread_pool_max/>}: the pool of
 *                      the emulator's default event loop
 */
public record Iothreads(int count, List<Integer> ids, boolean idsExplicit, Map<Integer, ThreadPool> pools,
                        Optional<ThreadPool> defaultPool) {
    public static final Iothreads NONE = new Iothreads(0, List.of(), false);

    public Iothreads {
        ids = List.copyOf(ids);
        pools = Map.copyOf(pools);
        Objects.requireNonNull(defaultPool, "defaultPool");
        if (count < 0) {
            throw new IllegalArgumentException("negative I/O thread count");
        }
        if (new HashSet<>(ids).size() != ids.size() || !ids.containsAll(pools.keySet())) {
            throw new IllegalArgumentException("I/O thread ids must be unique and every pool must belong to one");
        }
    }

    public Iothreads(int count, List<Integer> ids, boolean idsExplicit) {
        this(count, ids, idsExplicit, Map.of(), Optional.empty());
    }

    public boolean has(int id) {
        return ids.contains(id);
    }

    /** The worker pool of I/O thread {@code id}, when it sets one. */
    public Optional<ThreadPool> pool(int id) {
        return Optional.ofNullable(pools.get(id));
    }

    /**
     * {@code thread_pool_min} and {@code thread_pool_max}: how many worker threads an event loop
     * keeps at least and at most. As in libvirt, a maximum is at least 1 and a minimum needs a
     * maximum that is not below it.
     */
    public record ThreadPool(OptionalInt min, OptionalInt max) {
        public ThreadPool {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.orElse(0) < 0 || max.orElse(1) < 1 || (min.isPresent() && min.getAsInt() > max.orElse(-1))) {
                throw new IllegalArgumentException("thread_pool_min must not be above thread_pool_max, "
                        + "which must be at least 1");
            }
        }

        public boolean isEmpty() {
            return min.isEmpty() && max.isEmpty();
        }
    }
}
