package org.jvirt.driver.remote.auth;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

import org.jvirt.driver.remote.rpc.RemoteErrors;
import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.driver.remote.transport.SaslLayer;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.protocol.remote.RemoteMessages.SaslResult;
import org.jvirt.protocol.remote.RemoteMessages.SaslStartArgs;
import org.jvirt.protocol.remote.RemoteMessages.SaslStepArgs;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * The authentication step of opening a connection: asks the server which methods it wants
 * ({@code AUTH_LIST}) and does the one it lists: none, polkit ({@code AUTH_POLKIT}: the server
 * checks this process's identity itself) or SASL through the JDK's {@code javax.security.sasl}
 * with the mechanisms {@link #MECHANISMS} (credentials from {@link AuthConf}). On secure
 * transports (TLS, SSH, a Unix socket) SASL only authenticates; on plain TCP, where libvirtd
 * demands SASL's own security layer, DIGEST-MD5 negotiates one ({@code auth-conf}, else
 * {@code auth-int}) and the transport wraps every byte in it from then on ({@link SaslLayer}).
 */
public final class Authenticator {
    /** The SASL mechanisms jvirt offers, most preferred first. */
    public static final List<String> MECHANISMS = List.of("DIGEST-MD5", "PLAIN");

    /** The largest security-layer chunk this client accepts (announced as DIGEST-MD5's maxbuf). */
    public static final int MAX_RECEIVE = 65536;

    private static final String FAILED = "authentication failed: ";
    private static final String LAYERED = "DIGEST-MD5";
    private static final String DIGEST_CIPHER = "com.sun.security.sasl.digest.cipher";
    private static final int NONE = 0;
    private static final int SASL = 1;
    private static final int POLKIT = 2;

    private final RpcClient rpc;
    private final String host;
    private final Optional<String> uriUser;
    private final Optional<AuthConf> conf;
    private final int timeoutSeconds;

    public Authenticator(RpcClient rpc, String host, Optional<String> uriUser, Optional<AuthConf> conf,
                         int timeoutSeconds) {
        this.rpc = rpc;
        this.host = host;
        this.uriUser = uriUser;
        this.conf = conf;
        this.timeoutSeconds = timeoutSeconds;
    }

    public void authenticate() {
        List<Integer> types = rpc.call(RemoteProgram.AUTH_LIST, null, timeoutSeconds);
        if (types.isEmpty() || types.contains(NONE)) {
            return;
        }
        int type = types.get(0);
        switch (type) {
            case POLKIT -> polkit();
            case SASL -> sasl();
            default -> throw fail("the server asks for authentication type " + type
                    + ", which jvirt does not know (it knows none, sasl and polkit)");
        }
    }

    private void polkit() {
        int complete = rpc.call(RemoteProgram.AUTH_POLKIT, null, timeoutSeconds);
        if (complete == 0) {
            throw fail("polkit did not authorise this client");
        }
    }

    private void sasl() {
        boolean needsLayer = !rpc.transport().secure();
        String offered = rpc.call(RemoteProgram.AUTH_SASL_INIT, null, timeoutSeconds);
        List<String> serverMechs = List.of(offered.toUpperCase(Locale.ROOT).split("[ ,]+"));
        List<String> usable = needsLayer ? List.of(LAYERED) : MECHANISMS;
        String mech = usable.stream().filter(serverMechs::contains).findFirst().orElseThrow(() -> fail(needsLayer
                ? "the server offers SASL mechanisms " + offered + " on plain TCP, where jvirt needs " + LAYERED
                        + " (the one with a security layer jvirt speaks): add digest-md5 to the server's mech_list, "
                        + "or connect with +tls"
                : "the server offers SASL mechanisms " + offered + "; jvirt supports " + String.join(", ", MECHANISMS)));
        AuthConf.Credentials creds = conf.map(c -> c.lookup("libvirt", host))
                .orElse(new AuthConf.Credentials(Optional.empty(), Optional.empty(), Optional.empty()));
        Optional<String> user = uriUser.or(creds::username);
        if (user.isEmpty() || creds.password().isEmpty()) {
            throw fail("SASL " + mech + " needs a user name and a password for host '" + host
                    + "': put them in auth.conf ($LIBVIRT_AUTH_FILE, ~/.config/libvirt/auth.conf or /etc/libvirt/auth.conf) "
                    + "under [auth-libvirt-" + host + "] credentials=NAME and [credentials-NAME] authname=... password=...");
        }
        Map<String, String> props = new HashMap<>();
        // on plain TCP: a security layer, confidentiality preferred; libvirtd refuses one too weak for it
        props.put(Sasl.QOP, needsLayer ? "auth-conf,auth-int" : "auth");
        props.put(Sasl.MAX_BUFFER, Integer.toString(MAX_RECEIVE));
        if (needsLayer) {
            // the JDK would pick 3des, which Cyrus SASL offers but cannot start where OpenSSL 3 lacks
            // DES ("couldn't init cipher '3des'", Debian 12); rc4 (SSF 128) is Cyrus's own code
            props.put(DIGEST_CIPHER, "rc4");
        }
        SaslClient client;
        try {
            client = Sasl.createSaslClient(new String[] {mech}, null, "libvirt", host, props,
                    callbacks -> answer(callbacks, user.get(), creds.password().get(), creds.realm()));
            if (client == null) {
                throw fail("this JVM has no SASL client for " + mech);
            }
            byte[] initial = client.hasInitialResponse() ? client.evaluateChallenge(new byte[0]) : null;
            String who = "SASL " + mech + " as '" + user.get() + "' was refused: ";
            SaslResult r = refused(who, () -> rpc.call(RemoteProgram.AUTH_SASL_START,
                    new SaslStartArgs(mech, initial == null, initial == null ? new byte[0] : initial), timeoutSeconds));
            while (!r.complete() || !client.isComplete()) {
                if (client.isComplete() && r.nil()) {
                    break;
                }
                byte[] response = client.evaluateChallenge(r.nil() ? new byte[0] : r.data());
                if (r.complete() && (response == null || response.length == 0)) {
                    break;
                }
                SaslStepArgs step = new SaslStepArgs(response == null, response == null ? new byte[0] : response);
                r = refused(who, () -> rpc.call(RemoteProgram.AUTH_SASL_STEP, step, timeoutSeconds));
            }
            if (needsLayer) {
                layer(client);
            } else {
                client.dispose();
            }
        } catch (SaslException e) {
            throw fail("SASL " + mech + " failed: " + e.getMessage());
        }
    }

    /** Wraps the transport in the security layer {@code client} negotiated. */
    private void layer(SaslClient client) throws SaslException {
        Object qop = client.getNegotiatedProperty(Sasl.QOP);
        if (!"auth-conf".equals(qop) && !"auth-int".equals(qop)) {
            client.dispose();
            throw fail("the server agreed to no SASL security layer (qop " + qop + ") on plain TCP: connect with +tls");
        }
        int rawSend = Integer.parseInt((String) client.getNegotiatedProperty(Sasl.RAW_SEND_SIZE));
        try {
            rpc.transport().addSecurityLayer(new SaslLayer(client, MAX_RECEIVE, rawSend));
        } catch (java.io.IOException e) {
            client.dispose();
            throw fail("cannot start the SASL security layer: " + e.getMessage());
        }
    }

    /** A SASL step whose error reply means the server refused the credentials. */
    private static SaslResult refused(String who, java.util.function.Supplier<SaslResult> step) {
        try {
            return step.get();
        } catch (VirtException e) {
            String m = e.getMessage();
            throw fail(who + (m.startsWith(FAILED) ? m.substring(FAILED.length()) : m));
        }
    }

    private static void answer(Callback[] callbacks, String user, String password, Optional<String> realm)
            throws IOException, UnsupportedCallbackException {
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                n.setName(user);
            } else if (c instanceof PasswordCallback p) {
                p.setPassword(password.toCharArray());
            } else if (c instanceof RealmChoiceCallback rc) {
                rc.setSelectedIndex(0);
            } else if (c instanceof RealmCallback r) {
                r.setText(realm.orElse(r.getDefaultText()));
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }

    private static VirtException fail(String message) {
        return RemoteErrors.connection(ErrorCode.AUTH_FAILED, FAILED + message);
    }
}
