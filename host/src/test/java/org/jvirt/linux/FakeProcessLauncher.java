package org.jvirt.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * A {@link ProcessLauncher} that starts nothing: it records each spec and hands out
 * {@link FakeProcess}es with increasing pids; SIGTERM/SIGKILL/SIGINT/SIGHUP end a fake process
 * (status 128 + signal), which tests can also {@link FakeProcess#exit} themselves.
 */
public final class FakeProcessLauncher implements ProcessLauncher {
    private final List<LaunchSpec> started = new ArrayList<>();
    private final List<FakeProcess> processes = new ArrayList<>();
    private final List<RecordingSignaller.Sent> signals = new ArrayList<>();
    private long nextPid;
    private BiConsumer<LaunchSpec, FakeProcess> onStart = (spec, p) -> { };

    public FakeProcessLauncher(long firstPid) {
        this.nextPid = firstPid;
    }

    public FakeProcessLauncher() {
        this(10_000);
    }

    /**
     * What a started process does at once (the fake of a program: create its /proc entry, its
     * sockets, ...); it may throw to fail the start.
     */
    public synchronized FakeProcessLauncher onStart(BiConsumer<LaunchSpec, FakeProcess> hook) {
        this.onStart = hook;
        return this;
    }

    @Override
    public LaunchedProcess start(LaunchSpec spec) {
        FakeProcess p;
        BiConsumer<LaunchSpec, FakeProcess> hook;
        synchronized (this) {
            started.add(spec);
            p = new FakeProcess(nextPid++);
            processes.add(p);
            hook = onStart;
        }
        hook.accept(spec, p);
        return p;
    }

    @Override
    public boolean send(long pid, Signal signal) {
        FakeProcess target = null;
        synchronized (this) {
            signals.add(new RecordingSignaller.Sent(pid, signal));
            for (FakeProcess p : processes) {
                if (p.pid == pid && p.isAlive()) {
                    target = p;
                }
            }
        }
        if (target == null) {
            return false;
        }
        if (signal != Signal.CONT && signal != Signal.STOP && !target.ignores(signal)) {
            target.exit(128 + signal.number());
        }
        return true;
    }

    public synchronized List<LaunchSpec> started() {
        return List.copyOf(started);
    }

    public synchronized List<FakeProcess> processes() {
        return List.copyOf(processes);
    }

    public synchronized List<RecordingSignaller.Sent> signals() {
        return List.copyOf(signals);
    }

    /** A fake process: alive until {@link #exit}; what it does when it ends can be added ({@link #whenEnded}). */
    public static final class FakeProcess implements LaunchedProcess {
        private final long pid;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final java.util.Set<Signal> ignored = java.util.concurrent.ConcurrentHashMap.newKeySet();

        FakeProcess(long pid) {
            this.pid = pid;
        }

        /** Ends with {@code status}; the first call wins. */
        public void exit(int status) {
            exit.complete(status);
        }

        /** Runs {@code action} when the process ends (in the thread that ends it). */
        public FakeProcess whenEnded(Runnable action) {
            exit.thenRun(action);
            return this;
        }

        /** The process survives {@code signal} (it has a handler that does nothing). */
        public FakeProcess ignore(Signal signal) {
            ignored.add(signal);
            return this;
        }

        boolean ignores(Signal signal) {
            return signal != Signal.KILL && ignored.contains(signal);
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public int waitFor() {
            return exit.join();
        }

        @Override
        public OptionalInt waitFor(Duration timeout) {
            try {
                return OptionalInt.of(exit.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            } catch (java.util.concurrent.TimeoutException e) {
                return OptionalInt.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalInt.empty();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit.copy();
        }

        @Override
        public void kill() {
            exit(128 + Signal.KILL.number());
        }
    }
}
