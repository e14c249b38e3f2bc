package org.jvirt.event;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * Ends an event subscription whose buffer was full when events came: the subscriber received
 * every event before the gap, and {@link #missed()} after it. Subscribe again (with a larger
 * buffer: {@link org.jvirt.Connection#events(int)}) and re-read the state the missed events
 * would have told.
 */
public final class EventsMissedException extends VirtException {
    private static final long serialVersionUID = 1L;

    private final long missed;
    private final int capacity;

    public EventsMissedException(long missed, int capacity) {
        super(ErrorCode.EVENTS_MISSED, ErrorDomain.NONE, String.format(
                "event subscriber fell behind: %d event%s missed after its buffer of %d filled up; "
                        + "the subscription has ended (subscribe again, with a larger buffer if needed)",
                missed, missed == 1 ? "" : "s", capacity));
        this.missed = missed;
        this.capacity = capacity;
    }

    /** How many events the subscriber did not receive. */
    public long missed() {
        return missed;
    }

    /** The buffer the subscription had. */
    public int capacity() {
        return capacity;
    }
}
