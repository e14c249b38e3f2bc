package org.jvirt.tuning;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A change of one I/O thread's parameters ({@code virsh iothreadset}): its polling (how long it
 * busy-waits for work before sleeping, and how that time grows and shrinks) and the bounds of
 * its worker thread pool. What is empty stays as it is.
 */
public record IothreadParameters(OptionalLong pollMaxNs, OptionalLong pollGrow, OptionalLong pollShrink,
                                 OptionalInt threadPoolMin, OptionalInt threadPoolMax) {
    public static final IothreadParameters NONE = new IothreadParameters(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());

    public IothreadParameters {
        Objects.requireNonNull(pollMaxNs, "pollMaxNs");
        Objects.requireNonNull(pollGrow, "pollGrow");
        Objects.requireNonNull(pollShrink, "pollShrink");
        Objects.requireNonNull(threadPoolMin, "threadPoolMin");
        Objects.requireNonNull(threadPoolMax, "threadPoolMax");
    }

    public IothreadParameters withPollMaxNs(long value) {
        return new IothreadParameters(OptionalLong.of(value), pollGrow, pollShrink, threadPoolMin, threadPoolMax);
    }

    public IothreadParameters withPollGrow(long value) {
        return new IothreadParameters(pollMaxNs, OptionalLong.of(value), pollShrink, threadPoolMin, threadPoolMax);
    }

    public IothreadParameters withPollShrink(long value) {
        return new IothreadParameters(pollMaxNs, pollGrow, OptionalLong.of(value), threadPoolMin, threadPoolMax);
    }

    public IothreadParameters withThreadPoolMin(int value) {
        return new IothreadParameters(pollMaxNs, pollGrow, pollShrink, OptionalInt.of(value), threadPoolMax);
    }

    public IothreadParameters withThreadPoolMax(int value) {
        return new IothreadParameters(pollMaxNs, pollGrow, pollShrink, threadPoolMin, OptionalInt.of(value));
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Whether only the worker pool changes (the one part a stored definition keeps). */
    public boolean poolOnly() {
        return pollMaxNs.isEmpty() && pollGrow.isEmpty() && pollShrink.isEmpty();
    }
}
