package org.jvirt.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

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

    public FakeProcessLauncher(long firstPid) {
        this.nextPid = firstPid;
    }

    public FakeProcessLauncher() {
        this(10_000);
    }

    @Override
    public synchronized LaunchedProcess start(LaunchSpec spec) {
        started.add(spec);
        FakeProcess p = new FakeProcess(nextPid++);
        processes.add(p);
        return p;
    }

    @Override
    public synchronized boolean send(long pid, Signal signal) {
        signals.add(new RecordingSignaller.Sent(pid, signal));
        for (FakeProcess p : processes) {
            if (p.pid == pid && p.isAlive()) {
                if (signal != Signal.CONT && signal != Signal.STOP) {
                    p.exit(128 + signal.number());
                }
                return true;
            }
        }
        return false;
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

    /** A fake process: alive until {@link #exit}. */
    public static final class FakeProcess implements LaunchedProcess {
        private final long pid;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        FakeProcess(long pid) {
            this.pid = pid;
        }

        public void exit(int status) {
            exit.complete(status);
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
