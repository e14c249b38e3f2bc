package org.jvirt.driver.qemu.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A QMP server on a real UNIX socket, scripted with {@code .replies} files (see
 * {@code src/test/resources/qmp/}): per command a queue of answer blocks; the last block of a
 * command repeats. One client at a time. Records every command it received.
 */
public final class FakeQmpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<String, Deque<List<String>>> script = new ConcurrentHashMap<>();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    /** Commands answered only at release(), with the requests received meanwhile. */
    private final Map<String, Deque<JsonNode>> held = new java.util.HashMap<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile SocketChannel client;

    public FakeQmpServer(Path socket) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "fake-qmp");
        thread.setDaemon(true);
        thread.start();
    }

    public Path socket() {
        return socket;
    }

    /**
     * Loads resource {@code /qmp/NAME}: the script of every command the file names is replaced
     * by the file's blocks for it (consumed in order, the last one repeats).
     */
    public FakeQmpServer load(String name) throws IOException {
        Set<String> replaced = new java.util.HashSet<>();
        try (InputStream in = FakeQmpServer.class.getResourceAsStream("/qmp/" + name)) {
            if (in == null) {
                throw new IOException("no resource /qmp/" + name);
            }
            String cmd = null;
            List<String> block = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("-> ")) {
                    cmd = line.substring(3).strip();
                    block = new ArrayList<>();
                    if (replaced.add(cmd)) {
                        script.put(cmd, new ArrayDeque<>());
                    }
                    script.get(cmd).addLast(block);
                } else if (line.startsWith("<- ") && block != null) {
                    block.add(line.substring(3).strip());
                }
            }
        }
        return this;
    }

    /** Replaces the script of {@code command} with one block of {@code lines}. */
    public FakeQmpServer on(String command, String... lines) {
        Deque<List<String>> q = new ArrayDeque<>();
        q.add(List.of(lines));
        script.put(command, q);
        return this;
    }

    /** Queues one more block for {@code command} (consumed before the repeating last one). */
    public FakeQmpServer then(String command, String... lines) {
        script.computeIfAbsent(command, k -> new ArrayDeque<>()).addLast(List.of(lines));
        return this;
    }

    /** {@code command} is answered only at {@link #release}. */
    public FakeQmpServer hold(String command) {
        synchronized (held) {
            held.put(command, new ArrayDeque<>());
        }
        return this;
    }

    /** Answers the held {@code command}s received so far, and the next ones at once. */
    public void release(String command) throws IOException {
        synchronized (held) {
            Deque<JsonNode> waiting = held.remove(command);
            if (waiting != null) {
                for (JsonNode msg : waiting) {
                    reply(msg, command);
                }
            }
        }
    }

    /** {@code command} will never be answered. */
    public FakeQmpServer silence(String command) {
        silent.add(command);
        return this;
    }

    public List<JsonNode> received() {
        return received;
    }

    public List<String> commands() {
        return received.stream().map(n -> n.path("execute").asText()).toList();
    }

    /** Sends an event line now. */
    public void emit(String eventJson) throws IOException {
        send(eventJson);
    }

    /** Closes the client connection: the client sees end of file. */
    public void hangUp() throws IOException {
        SocketChannel c = client;
        if (c != null) {
            c.close();
        }
    }

    private synchronized void send(String line) throws IOException {
        SocketChannel c = client;
        if (c == null) {
            throw new IOException("no client");
        }
        ByteBuffer b = ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    private List<String> next(String command) {
        Deque<List<String>> q = script.get(command);
        if (q == null || q.isEmpty()) {
            return null;
        }
        return q.size() > 1 ? q.pollFirst() : q.peekFirst();
    }

    private void serve() {
        try {
            while (server.isOpen()) {
                client = server.accept();
                List<String> greet = next("greeting");
                send(greet == null ? "{\"QMP\": {\"version\": {}, \"capabilities\": []}}" : greet.get(0));
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    answer(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // server closed or client gone
        }
    }

    private void answer(JsonNode msg) throws IOException {
        received.add(msg);
        String cmd = msg.path("execute").asText();
        if (silent.contains(cmd)) {
            return;
        }
        synchronized (held) {
            Deque<JsonNode> waiting = held.get(cmd);
            if (waiting != null) {
                waiting.add(msg);
                return;
            }
        }
        reply(msg, cmd);
    }

    private void reply(JsonNode msg, String cmd) throws IOException {
        List<String> block = next(cmd);
        if (block == null) {
            block = List.of("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command " + cmd
                    + " has not been found\"}}");
        }
        for (String line : block) {
            JsonNode n = JSON.readTree(line);
            if (!n.has("event") && msg.has("id")) {
                ((ObjectNode) n).set("id", msg.get("id"));
            }
            send(JSON.writeValueAsString(n));
        }
    }

    @Override
    public void close() throws IOException {
        hangUp();
        server.close();
        Files.deleteIfExists(socket);
    }
}
