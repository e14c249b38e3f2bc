package org.jvirt.driver.remote.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a blocking step (connect, TLS handshake, SSH login): when it has not finished in time the
 * loop closes what it waits on, so the blocked thread returns with an error instead of hanging.
 */
public final class Deadline implements AutoCloseable, IoLoop.Ticking {
    private final IoLoop loop;
    private final long end;
    private final Closeable target;
    private volatile boolean expired;

    public Deadline(IoLoop loop, int seconds, Closeable target) {
        this.loop = loop;
        this.end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        this.target = target;
        loop.addTicker(this);
    }

    @Override
    public void tick(long now) {
        if (!expired && now - end >= 0) {
            expired = true;
            try {
                target.close();
            } catch (IOException e) {
                // closing is all we can do
            }
        }
    }

    public boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        loop.removeTicker(this);
    }
}
