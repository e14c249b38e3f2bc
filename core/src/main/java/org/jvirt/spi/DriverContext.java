package org.jvirt.spi;

import java.time.Duration;
import java.util.Objects;

import org.jvirt.event.EventBus;

/**
 * What core hands to a driver when opening a connection.
 *
 * @param jobWait         how long a job waits for another job on the same domain (of this or
 *                        another process) to end before it fails naming it (jvirt.conf
 *                        {@code job_wait_timeout})
 * @param domainsOnDemand read each stored domain when it is first looked up rather than all of
 *                        them at open ({@link org.jvirt.connect.ConnectOptions#domainsOnDemand})
 */
public record DriverContext(EventBus events, boolean readOnly, Duration jobWait, boolean domainsOnDemand) {
    /** The default job wait: 30 s, as libvirt's. */
    public static final Duration DEFAULT_JOB_WAIT = Duration.ofSeconds(30);

    public DriverContext {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(jobWait, "jobWait");
    }

    public DriverContext(EventBus events, boolean readOnly, Duration jobWait) {
        this(events, readOnly, jobWait, false);
    }

    public DriverContext(EventBus events, boolean readOnly) {
        this(events, readOnly, DEFAULT_JOB_WAIT);
    }
}
