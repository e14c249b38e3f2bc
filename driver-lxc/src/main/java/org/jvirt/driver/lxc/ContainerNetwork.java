package org.jvirt.driver.lxc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.CommandResult;
import org.jvirt.host.CommandRunner;
import org.jvirt.model.Device;
import org.jvirt.model.Devices;
import org.jvirt.model.DomainDef;
import org.jvirt.model.NetInterface;

/**
 * The veth pairs of a container's {@code <interface>}s (LXC.md step 4): before init is released,
 * each interface gets a pair whose host end is named by {@code <target dev>} (or
 * {@code jvlPIDnI}), is attached to {@code <source bridge>} for type {@code bridge} (type
 * {@code ethernet} leaves it unattached) and brought up, and whose other end is moved into the
 * container's network namespace, renamed {@code eth0}, {@code eth1}, ... in order, given
 * {@code <mac address>} when there is one, and brought up, with {@code lo}. A pair whose end is in
 * the namespace goes away with it, so a stopped container leaves no link behind.
 */
final class ContainerNetwork {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern AUTO_NAME = Pattern.compile("jvl\\d+n\\d+");
    private static final List<Path> IP = List.of(Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"), Path.of("/usr/bin/ip"),
            Path.of("/bin/ip"));
    private static final Path NSENTER = Path.of("/usr/bin/nsenter");

    private final CommandRunner runner;

    ContainerNetwork(CommandRunner runner) {
        this.runner = runner;
    }

    /** Refuses the interfaces a container cannot have, before anything is created. */
    static void checkSupported(DomainDef def) {
        List<NetInterface> nics = def.devices().of(NetInterface.class);
        for (int i = 0; i < nics.size(); i++) {
            NetInterface n = nics.get(i);
            switch (n.type()) {
                case "bridge" -> {
                    if (n.source().flatMap(NetInterface.Source::bridge).isEmpty()) {
                        throw unsupported("interface %d: type 'bridge' needs <source bridge='NAME'/>", i);
                    }
                }
                case "ethernet" -> {
                    // the host end stays unattached
                }
                default -> throw unsupported("interface %d: type '%s' is not supported for containers (bridge or "
                        + "ethernet; jvirt has no virtual networks)", i, n.type());
            }
            Optional<String> dev = n.targetDev();
            if (dev.isPresent() && !LINK_NAME.matcher(dev.get()).matches()) {
                throw unsupported("interface %d: <target dev='%s'/> is not a link name (1 to 15 letters, digits, "
                        + "'_', '.' or '-')", i, dev.get());
            }
        }
    }

    /** The host end of each interface, in order: {@code <target dev>} or {@code jvlPIDnI}. */
    static List<String> hostNames(DomainDef def, long initPid) {
        List<NetInterface> nics = def.devices().of(NetInterface.class);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nics.size(); i++) {
            names.add(nics.get(i).targetDev().orElse("jvl" + initPid + "n" + i));
        }
        return names;
    }

    /** {@code def} with each interface's {@code <target dev>} set to its host end (the live XML). */
    static DomainDef withHostNames(DomainDef def, long initPid) {
        List<String> names = hostNames(def, initPid);
        if (names.isEmpty()) {
            return def;
        }
        List<Device> out = new ArrayList<>();
        int i = 0;
        for (Device d : def.devices().list()) {
            if (d instanceof NetInterface n) {
                d = new NetInterface(n.type(), n.mac(), n.source(), Optional.of(names.get(i++)), n.model(),
                        n.bootOrder(), n.address(), n.extras());
            }
            out.add(d);
        }
        Devices devices = def.devices();
        return def.toBuilder().devices(new Devices(devices.emulator(), out, devices.extras())).build();
    }

    /**
     * Creates the pairs for the container whose init is {@code initPid} (already in its network
     * namespace, not yet released). On a failure the pairs made so far are deleted and the error
     * names the step.
     */
    void plumb(DomainDef def, long initPid) {
        List<NetInterface> nics = def.devices().of(NetInterface.class);
        if (nics.isEmpty()) {
            return;
        }
        String ip = ip();
        List<String> hosts = hostNames(def, initPid);
        List<String> made = new ArrayList<>();
        try {
            for (int i = 0; i < nics.size(); i++) {
                NetInterface n = nics.get(i);
                String host = hosts.get(i);
                String peer = "jvp" + initPid + "n" + i;
                if (AUTO_NAME.matcher(host).matches()) {
                    // a reboot reuses the live names: the previous pair may still be on its way out
                    runner.run(List.of(ip, "link", "del", host), TIMEOUT);
                }
                run(ip, "link", "add", host, "type", "veth", "peer", "name", peer);
                made.add(host);
                run(ip, "link", "set", peer, "netns", Long.toString(initPid));
                Optional<String> bridge = n.source().flatMap(NetInterface.Source::bridge);
                if (n.type().equals("bridge") && bridge.isPresent()) {
                    run(ip, "link", "set", host, "master", bridge.get());
                }
                run(ip, "link", "set", host, "up");
                List<String> inside = new ArrayList<>(List.of(NSENTER.toString(), "--net=/proc/" + initPid + "/ns/net",
                        "--", ip, "link", "set", peer, "name", "eth" + i));
                n.mac().ifPresent(mac -> inside.addAll(List.of("address", mac)));
                inside.add("up");
                run(inside.toArray(String[]::new));
            }
            run(NSENTER.toString(), "--net=/proc/" + initPid + "/ns/net", "--", ip, "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            unplumb(made);
            throw e;
        }
    }

    /** Deletes host ends that are still there (a pair whose other end died with its namespace is gone). */
    void unplumb(List<String> hostEnds) {
        if (hostEnds.isEmpty()) {
            return;
        }
        String ip = ip();
        for (String host : hostEnds) {
            runner.run(List.of(ip, "link", "del", host), TIMEOUT); // "Cannot find device" is the usual answer
        }
    }

    private void run(String... argv) {
        CommandResult r = runner.run(List.of(argv), TIMEOUT);
        if (r.outcome() != CommandResult.Outcome.EXITED || r.exitCode() != 0) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.LXC, "container network: '%s' failed: %s",
                    String.join(" ", argv), r.stderr().isBlank() ? r.detail() : r.stderr().strip());
        }
    }

    private static String ip() {
        return IP.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElseThrow(() -> VirtException.of(
                ErrorCode.OPERATION_FAILED, ErrorDomain.LXC, "container interfaces need the ip command (iproute2), "
                        + "found in none of %s", IP));
    }

    private static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC, format, args);
    }
}
