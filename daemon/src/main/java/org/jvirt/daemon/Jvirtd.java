package org.jvirt.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jvirt.conf.ConfException;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.daemon.conf.DaemonConf;
import org.jvirt.error.VirtException;

/**
 * {@code jvirtd [--config FILE] [--verbose]}: opens the drivers of jvirtd.conf, then serves them
 * until SIGTERM or SIGINT. Exit status 0 after a clean stop, 1 when it cannot start (bad conf,
 * socket in use, another jvirtd holds the pid file).
 */
public final class Jvirtd {
    private Jvirtd() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        Path config = null;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-f", "--config" -> {
                    if (++i == args.length) {
                        err.println("jvirtd: " + args[i - 1] + " needs a file");
                        return 2;
                    }
                    config = Path.of(args[i]);
                }
                case "-v", "--verbose" -> verbose = true;
                case "-h", "--help" -> {
                    err.println("usage: jvirtd [--config FILE] [--verbose]\n"
                            + "serves jvirt's drivers over libvirt's wire protocol; see docs/jvirtd.md");
                    return 0;
                }
                default -> {
                    err.println("jvirtd: unknown argument '" + args[i] + "' (try --help)");
                    return 2;
                }
            }
        }
        logging(verbose);
        DaemonConf conf;
        try {
            conf = DaemonConf.load(config, System.getenv());
        } catch (ConfException | VirtException e) {
            err.println("jvirtd: " + e.getMessage());
            return 1;
        }
        try (PidFile pid = PidFile.take(conf.pidFile())) {
            Server server = new Server(conf, uri -> JvirtBootstrap.connectionFactory().open(uri,
                    ConnectOptions.DEFAULT.directly()));
            List<String> failed = server.start();
            failed.forEach(f -> err.println("jvirtd: warning: cannot open " + f));
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                server.close();
                stop.countDown();
            }, "jvirtd-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            stop.await();
            return 0;
        } catch (IOException e) {
            err.println("jvirtd: cannot start: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void logging(boolean verbose) {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return "jvirtd: " + r.getLevel().getName().toLowerCase() + ": " + formatMessage(r) + "\n";
            }
        });
        Level level = verbose ? Level.FINE : Level.INFO;
        h.setLevel(level);
        root.addHandler(h);
        Logger.getLogger("jvirtd").setLevel(level);
    }

    /** The pid file, locked while jvirtd runs: a second jvirtd on the same file refuses to start. */
    record PidFile(Path path, FileChannel channel, FileLock lock) implements AutoCloseable {
        static PidFile take(Path path) throws IOException {
            Files.createDirectories(path.toAbsolutePath().getParent());
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                throw new IOException("another jvirtd runs (it holds " + path + ")");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new PidFile(path, ch, lock);
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
            Files.deleteIfExists(path);
        }
    }
}
