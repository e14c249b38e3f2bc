package org.jvirt.cli.shell;

/**
 * Ctrl-C for the commands that wait ({@code event --loop}): the interactive shell forwards the
 * terminal's interrupt here. It interrupts the shell's thread only while a command waits in
 * {@link #during}; a Ctrl-C pressed earlier in the same command line (while a connection was
 * being opened, say) ends the next wait at once. Nothing else is ever interrupted, and nothing
 * carries over to the next command line ({@link #reset}).
 */
public final class Interrupts {
    /** Work that ends early, by {@link InterruptedException}, when interrupted. */
    @FunctionalInterface
    public interface Wait<T> {
        T run() throws InterruptedException;
    }

    private Thread waiting; // guarded by this
    private boolean pending; // guarded by this

    /** The user pressed Ctrl-C. */
    public synchronized void interrupt() {
        if (waiting != null) {
            waiting.interrupt();
        } else {
            pending = true;
        }
    }

    /** A new command line: earlier Ctrl-Cs are forgotten. */
    public synchronized void reset() {
        pending = false;
    }

    /** Runs {@code wait}, ended by {@link #interrupt}; an interrupt never outlives it. */
    public <T> T during(Wait<T> wait) throws InterruptedException {
        synchronized (this) {
            if (pending) {
                pending = false;
                throw new InterruptedException("interrupted before the wait");
            }
            waiting = Thread.currentThread();
        }
        try {
            return wait.run();
        } finally {
            synchronized (this) {
                waiting = null;
                Thread.interrupted();
            }
        }
    }
}
