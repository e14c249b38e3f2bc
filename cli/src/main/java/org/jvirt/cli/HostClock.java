package org.jvirt.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the host's time zone, looked up when a time is first shown rather than
 * when the shell starts: {@link Clock#systemDefaultZone()} reads the time-zone database at once,
 * which a one-shot command that prints no time would pay for on every start.
 */
final class HostClock extends Clock {
    @Override
    public ZoneId getZone() {
        return ZoneId.systemDefault();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
