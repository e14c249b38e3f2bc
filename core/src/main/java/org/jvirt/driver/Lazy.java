package org.jvirt.driver;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made by the first {@link #get()} and kept: what a connection needs only for some
 * commands (the host topology, QEMU's capabilities, libc through JNA) is made when a command
 * first asks for it, so that opening a connection costs only what every command needs. A maker
 * that throws is asked again at the next {@code get}. Thread-safe.
 */
public final class Lazy<T> implements Supplier<T> {
    private Supplier<? extends T> maker;
    private volatile T value;

    private Lazy(Supplier<? extends T> maker, T value) {
        this.maker = maker;
        this.value = value;
    }

    public static <T> Lazy<T> of(Supplier<? extends T> maker) {
        return new Lazy<>(Objects.requireNonNull(maker, "maker"), null);
    }

    /** A value already made (rather than {@code () -> value}, a call site JDK 17 links at run time). */
    public static <T> Lazy<T> made(T value) {
        return new Lazy<>(null, Objects.requireNonNull(value, "value"));
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(maker.get(), "a lazy value must not be null");
                    value = v;
                    maker = null;
                }
            }
        }
        return v;
    }

    /** Whether the value has been made (a caller that only uses it when already there). */
    public boolean isMade() {
        return value != null;
    }
}
