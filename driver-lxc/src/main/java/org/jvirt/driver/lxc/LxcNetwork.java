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
import org.jvirt.host.probe.CommandResult;
import org.jvirt.host.probe.CommandRunner;
import org.jvirt.model.Device;
import org.jvirt.model.Devices;
import org.jvirt.model.DomainDef;
import org.jvirt.model.NetInterface;
import org.jvirt.model.OpaqueNode;

/**
 * The veth pairs of a container's {@code <interface>}s (docs/lxc.md#how-a-container-starts step 5): before
 * init is released,
 * each interface gets a pair whose host end is named by {@code <target dev>} (or
 * {@code jvlPIDnI}), is attached to {@code <source bridge>} for type {@code bridge} (type
 * {@code ethernet} leaves it unattached) and brought up, and whose other end is moved into the
 * container's network namespace, renamed {@code eth0}, {@code eth1}, ... in order, given
 * {@code <mac address>} when there is one, given its {@code <ip address prefix>}es, and brought
 * up, with {@code lo}; then each {@code <route address prefix gateway>} is added (prefix 0 is the
 * default route). A pair whose end is in the namespace goes away with it, so a stopped container
 * leaves no link behind.
 */
final class LxcNetwork {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern AUTO_NAME = Pattern.compile("jvl\\d+n\\d+");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final List<Path> IP = List.of(Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"), Path.of("/usr/bin/ip"),
            Path.of("/bin/ip"));
    private static final Path NSENTER = Path.of("/usr/bin/nsenter");

    private final CommandRunner runner;

    LxcNetwork(CommandRunner runner) {
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
            addresses(n, i);
            routes(n, i);
        }
    }

    /** An {@code <ip address prefix>} of an interface, as {@code ip addr add} takes it. */
    record Address(String cidr) {
    }

    /** A {@code <route address prefix gateway>} of an interface, as {@code ip route add} takes it. */
    record Route(String destination, String gateway) {
    }

    /** The interface's {@code <ip>} children (kept as extras by the model): address/prefix. */
    static List<Address> addresses(NetInterface n, int index) {
        List<Address> out = new ArrayList<>();
        for (OpaqueNode.Element e : n.extras().elements("ip")) {
            out.add(new Address(cidr(e, "interface " + index + ": <ip>")));
        }
        return out;
    }

    /** The interface's {@code <route>} children: destination/prefix via gateway. */
    static List<Route> routes(NetInterface n, int index) {
        List<Route> out = new ArrayList<>();
        for (OpaqueNode.Element e : n.extras().elements("route")) {
            String where = "interface " + index + ": <route>";
            out.add(new Route(cidr(e, where), ipAttribute(e, "gateway", where)));
        }
        return out;
    }

    /** {@code address/prefix} of an {@code <ip>} or {@code <route>}. */
    private static String cidr(OpaqueNode.Element e, String where) {
        String address = ipAttribute(e, "address", where);
        return address + "/" + prefix(e, address, where);
    }

    /** A required attribute holding an IP address literal. */
    private static String ipAttribute(OpaqueNode.Element e, String name, String where) {
        return ipLiteral(e.attribute(name).orElseThrow(() -> unsupported("%s needs %s", where, name)), where);
    }

    private static String ipLiteral(String text, String where) {
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = !v4 && IPV6.matcher(text).matches() && text.contains(":");
        if (!v4 && !v6) {
            throw unsupported("%s: '%s' is not an IPv4 or IPv6 address", where, text);
        }
        return text;
    }

    /** {@code prefix}, or 24 (IPv4) / 64 (IPv6) when absent; checked against the family's width. */
    private static int prefix(OpaqueNode.Element e, String address, String where) {
        int max = address.contains(":") ? 128 : 32;
        Optional<String> p = e.attribute("prefix");
        if (p.isEmpty()) {
            return max == 32 ? 24 : 64;
        }
        try {
            int v = Integer.parseInt(p.get());
            if (v >= 0 && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw unsupported("%s: prefix '%s' is not a number from 0 to %d", where, p.get(), max);
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
                List<String> rename = new ArrayList<>(List.of("link", "set", peer, "name", "eth" + i));
                n.mac().ifPresent(mac -> rename.addAll(List.of("address", mac)));
                rename.add("up");
                runInside(initPid, ip, rename);
                for (Address a : addresses(n, i)) {
                    runInside(initPid, ip, List.of("addr", "add", a.cidr(), "dev", "eth" + i));
                }
            }
            runInside(initPid, ip, List.of("link", "set", "lo", "up"));
            for (int i = 0; i < nics.size(); i++) {
                for (Route r : routes(nics.get(i), i)) {
                    runInside(initPid, ip, List.of(r.gateway().contains(":") ? "-6" : "-4", "route", "add",
                            r.destination().endsWith("/0") ? "default" : r.destination(), "via", r.gateway(),
                            "dev", "eth" + i));
                }
            }
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

    /** {@code ip ARGS} in the network namespace of {@code initPid}. */
    private void runInside(long initPid, String ip, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(NSENTER.toString(), "--net=/proc/" + initPid + "/ns/net", "--", ip));
        argv.addAll(args);
        run(argv.toArray(String[]::new));
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
