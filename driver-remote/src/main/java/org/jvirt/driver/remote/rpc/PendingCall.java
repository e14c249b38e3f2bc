package org.jvirt.driver.remote.rpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import org.jvirt.protocol.Procedure;

/**
 * A call waiting for its reply, and the future of it. The thread that waits for it on a socket
 * callers read themselves parks as {@link #waiter}: completing the call wakes it, and so does a
 * caller that stops reading the socket and hands the reading over to it.
 */
final class PendingCall extends CompletableFuture<Object> {
    final Procedure<?, ?> procedure;
    private volatile Thread waiter;

    PendingCall(Procedure<?, ?> procedure) {
        this.procedure = procedure;
    }

    void waitedOnBy(Thread t) {
        waiter = t;
    }

    /** Wakes the thread waiting for this call, if one does; false if none. */
    boolean wakeWaiter() {
        Thread t = waiter;
        if (t == null) {
            return false;
        }
        LockSupport.unpark(t);
        return true;
    }

    @Override
    public boolean complete(Object value) {
        boolean done = super.complete(value);
        wakeWaiter();
        return done;
    }

    @Override
    public boolean completeExceptionally(Throwable e) {
        boolean done = super.completeExceptionally(e);
        wakeWaiter();
        return done;
    }

    /** Not shared with other futures: dependents see a plain future. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
