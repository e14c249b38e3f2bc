package org.jvirt.linux;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** A {@link ProcessSignaller} that records what it sent; an action may emulate the effect (a process dying). */
public final class RecordingSignaller implements ProcessSignaller {
    public record Sent(long pid, Signal signal) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Set<Long> gone = new HashSet<>();
    private BiConsumer<Long, Signal> action = (pid, signal) -> { };

    public synchronized RecordingSignaller onSend(BiConsumer<Long, Signal> action) {
        this.action = action;
        return this;
    }

    /** Marks {@code pid} as not existing: sending to it returns false. */
    public synchronized RecordingSignaller gone(long pid) {
        gone.add(pid);
        return this;
    }

    @Override
    public synchronized boolean send(long pid, Signal signal) {
        sent.add(new Sent(pid, signal));
        if (gone.contains(pid)) {
            return false;
        }
        action.accept(pid, signal);
        return true;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
