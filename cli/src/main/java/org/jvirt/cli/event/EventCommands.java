package org.jvirt.cli.event;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.DomainLookup;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.jvirt.event.DomainEvent;

/**
 * {@code event}: waits for domain events and prints them as virsh does; one event unless
 * {@code --loop}, until {@code --timeout} seconds. Like virsh it fails (silently) when none came.
 */
public final class EventCommands implements CommandProvider {
    /** Built on first use: java.time's formatters cost a cold start several milliseconds. */
    private static final class Stamp {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ", Locale.ROOT);
    }

    private final Clock clock;

    public EventCommands(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<String> names() {
        return List.of("event");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("event", CommandGroup.EVENTS).summary("Domain Events")
                .description("List event types, or wait for domain events to occur")
                .option(OptionSpec.optional("domain", Kind.STRING, "filter by domain name, id or uuid"))
                .option(OptionSpec.optional("event", Kind.STRING, "which event type to wait for")
                        .withChoices(EventLines.TYPES))
                .flag("all", "wait for all events instead of just one type")
                .flag("loop", "loop until timeout or interrupt, rather than one-shot")
                .option(OptionSpec.optional("timeout", Kind.NUMBER, "timeout seconds"))
                .flag("list", "list valid event types")
                .flag("timestamp", "show timestamp for each printed event")
                .offline().handler(this::event));
    }

    private void event(Invocation inv) {
        if (inv.flag("list")) {
            EventLines.TYPES.forEach(inv.out()::println);
            return;
        }
        inv.exclusive("all", "event");
        Optional<String> type = inv.string("event");
        if (!inv.flag("all") && type.isEmpty()) {
            throw CommandFailure.of("one of --list, --all, or --event <type> is required");
        }
        if (type.isPresent() && !EventLines.TYPES.contains(type.get())) {
            throw CommandFailure.of("unknown event type " + type.get());
        }
        OptionalInt timeout = inv.unsigned("timeout");
        Optional<UUID> domain = inv.string("domain")
                .map(d -> DomainLookup.find(inv.conn(), d, DomainLookup.ANY).uuid());
        Queue queue = new Queue();
        inv.conn().events().subscribe(queue);
        int count;
        try {
            count = loop(inv, queue, domain, inv.flag("all") ? Optional.empty() : type, timeout);
        } finally {
            queue.cancel();
        }
        inv.out().println("events received: " + count);
        if (count == 0) {
            throw new CommandFailure(1, List.of());
        }
    }

    private int loop(Invocation inv, Queue queue, Optional<UUID> domain, Optional<String> type, OptionalInt timeout) {
        long deadline = timeout.isPresent() ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout.getAsInt()) : 0;
        int count = 0;
        inv.out().flush(); // what the commands before printed is on the screen while this one waits
        while (true) {
            DomainEvent e;
            try {
                e = inv.session().interrupts().during(() -> timeout.isPresent()
                        ? queue.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) : queue.events.take());
            } catch (InterruptedException ie) {
                inv.out().println("event loop interrupted");
                return count;
            }
            if (e == null) {
                inv.out().println("event loop timed out");
                return count;
            }
            if (domain.isPresent() && !domain.get().equals(e.uuid())) {
                continue;
            }
            for (EventLines.Line line : EventLines.of(e)) {
                if (type.isEmpty() || type.get().equals(line.type())) {
                    String prefix = inv.flag("timestamp") ? ZonedDateTime.now(clock).format(Stamp.FORMAT) + ": " : "";
                    inv.out().println(prefix + line.text());
                    inv.out().flush();
                    count++;
                }
            }
            if (count > 0 && !inv.flag("loop")) {
                return count;
            }
        }
    }

    /** Collects events delivered on the connection's event thread. */
    private static final class Queue implements Flow.Subscriber<DomainEvent> {
        final BlockingQueue<DomainEvent> events = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(DomainEvent item) {
            events.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            // the publisher ends: the loop runs into its timeout or the user interrupts it
        }

        @Override
        public void onComplete() {
            // as onError
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
