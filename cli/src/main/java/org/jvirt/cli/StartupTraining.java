package org.jvirt.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.jvirt.cli.shell.DriverModules;
import org.jvirt.cli.shell.JvirtConnectionProvider;

/**
 * The training run of bin/jvirsh's start-up caches (docs/jvirsh.md#installing): several jvirsh
 * runs in one JVM, so that the cache the JVM records at its exit holds the classes of every path
 * they took (the test driver, {@code qemu:///system} and {@code lxc:///system}, a connection
 * through jvirtd), where a single run could connect to one URI only. Each run is what
 * {@code jvirsh ARGS} does in a process of its own (its own connection, opened and closed),
 * with standard input empty and its output dropped.
 * <pre>java -XX:AOTCacheOutput=FILE -cp jvirsh.jar org.jvirt.cli.StartupTraining ARGS [--- ARGS]...</pre>
 * Prints one line per run on standard error: its exit status and its arguments. With
 * {@code -Djvirsh.jna.dir=DIR} it also keeps JNA's native library in DIR ({@link JnaDispatchCopy});
 * with {@code -Djvirsh.drivers.file=FILE} it records the drivers ServiceLoader finds in FILE and
 * runs with them named, as bin/jvirsh then runs jvirsh ({@link DriverModules}).
 */
public final class StartupTraining {
    /** Separates the argument lists of two runs. */
    public static final String NEXT = "---";
    /** The directory to keep JNA's native library in (bin/jvirsh's jna.boot.library.path), when set. */
    public static final String JNA_DIR = "jvirsh.jna.dir";
    /** The file to record the drivers ServiceLoader finds in (bin/jvirsh's jvirsh.drivers), when set. */
    public static final String DRIVERS_FILE = "jvirsh.drivers.file";

    private StartupTraining() {
    }

    public static void main(String[] args) {
        PrintStream report = System.err;
        String jnaDir = System.getProperty(JNA_DIR);
        if (jnaDir != null && !jnaDir.isEmpty()) {
            report.println("training: JNA's native library " + JnaDispatchCopy.keep(Path.of(jnaDir)));
        }
        String driversFile = System.getProperty(DRIVERS_FILE);
        if (driversFile != null && !driversFile.isEmpty()) {
            String found = DriverModules.found();
            report.println("training: drivers " + found + " " + KeptFiles.keep(Path.of(driversFile),
                    new ByteArrayInputStream((found + "\n").getBytes(StandardCharsets.UTF_8))));
            System.setProperty(DriverModules.PROPERTY, found); // the runs take the one-shot's path
        }
        UnixSocketWarmUp.startIfAsked(); // what Main.main runs first
        // and then reads the launcher's verdict (here an empty one), so that the JDK's classes of that
        // read are cached too (they were by chance while the JDK's XML parser read the test node)
        SourcesCheck.current(java.util.Map.of(SourcesCheck.VERDICT, "/dev/null", SourcesCheck.LAUNCHER, "training"));
        callThroughAnInitialisationBarrier();
        endAThreadThatReadAFile();
        contendForLocks();
        for (List<String> run : runs(args)) {
            PrintStream none = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            Jvirsh jvirsh = Jvirsh.withDefaults(new JvirtConnectionProvider());
            UnixSocketWarmUp.startIfACommandActsOnADomain(run.toArray(String[]::new), jvirsh.registry()); // as Main
            int status = Main.run(run.toArray(String[]::new), new ByteArrayInputStream(new byte[0]), none, none, false,
                    jvirsh);
            report.println("training: exit " + status + ": jvirsh " + String.join(" ", run));
        }
        Main.end(0); // as jvirsh ends
    }

    /**
     * Calls a static method through a method handle before its class is initialised. The cache
     * links the runs' call sites ahead of time, and at run time such a call site whose target's
     * class is not initialised yet (the JDK's XML parser set-up has one) first goes through the
     * JDK's initialisation check, whose classes the training's own linking may never load: a
     * one-shot would then load them from the JDK's module image.
     */
    private static void callThroughAnInitialisationBarrier() {
        try {
            int value = (int) MethodHandles.lookup()
                    .findStatic(NotYetInitialised.class, "value", MethodType.methodType(int.class)).invokeExact();
            assert value == NotYetInitialised.VALUE;
        } catch (Throwable e) {
            throw new IllegalStateException("calling through a method handle: " + e, e);
        }
    }

    /**
     * Runs a thread that reads a file through a channel, to its end. A one-shot command's thread
     * that sets up the JDK's Unix sockets ({@link UnixSocketWarmUp}) reads the JDK's security
     * properties so, and ends during the command: the end of a thread that used the JDK's
     * temporary buffers runs its clean-up of them, whose classes the cache must hold too; in a
     * training other code may read those properties first, on the main thread, and a short
     * training (one command's) then ends no such thread.
     */
    private static void endAThreadThatReadAFile() {
        Thread t = new Thread(new FileReading(), "jvirsh-training-file-reading");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes a lock and a read lock while other threads hold them: the threads of a one-shot
     * (the command's, the monitor's reader, the Unix-socket set-up) now and then wait for one
     * another, and the JDK makes the queue of a lock's waiters only then, which a short training
     * may never do.
     */
    private static void contendForLocks() {
        ReentrantLock lock = new ReentrantLock();
        ReentrantReadWriteLock readWrite = new ReentrantReadWriteLock();
        lock.lock();
        readWrite.writeLock().lock();
        Thread waiter = new Thread(new Waiting(lock, readWrite), "jvirsh-training-waiting");
        waiter.start();
        try {
            while (!lock.hasQueuedThreads() && waiter.isAlive()) {
                Thread.sleep(1);
            }
            lock.unlock();
            while (!readWrite.hasQueuedThreads() && waiter.isAlive()) {
                Thread.sleep(1);
            }
            readWrite.writeLock().unlock();
            waiter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
            if (readWrite.isWriteLockedByCurrentThread()) {
                readWrite.writeLock().unlock();
            }
        }
    }

    private static final class Waiting implements Runnable {
        private final ReentrantLock lock;
        private final ReentrantReadWriteLock readWrite;

        Waiting(ReentrantLock lock, ReentrantReadWriteLock readWrite) {
            this.lock = lock;
            this.readWrite = readWrite;
        }

        @Override
        public void run() {
            lock.lock();
            lock.unlock();
            readWrite.readLock().lock();
            readWrite.readLock().unlock();
        }
    }

    private static final class FileReading implements Runnable {
        @Override
        public void run() {
            try {
                java.nio.file.Files.readAllBytes(Path.of("/proc/self/stat"));
            } catch (java.io.IOException e) {
                // nothing to train then
            }
        }
    }

    private static final class NotYetInitialised {
        private static final int VALUE = Integer.getInteger("jvirsh.training.value", 1);

        static int value() {
            return VALUE;
        }
    }

    /** The argument lists between the {@link #NEXT} separators (empty ones dropped). */
    static List<List<String>> runs(String[] args) {
        List<List<String>> runs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : args) {
            if (a.equals(NEXT)) {
                if (!current.isEmpty()) {
                    runs.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }
}
