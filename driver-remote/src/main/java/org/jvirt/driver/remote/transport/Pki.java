package org.jvirt.driver.remote.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * libvirt's PKI files for the tls transport: the CA certificate, and this client's certificate
 * and key, from {@code pkipath=DIR} ({@code DIR/cacert.pem}, {@code DIR/clientcert.pem},
 * {@code DIR/clientkey.pem}), else {@code ~/.pki/libvirt/} when it holds a client certificate,
 * else the system layout ({@code /etc/pki/CA/cacert.pem}, {@code /etc/pki/libvirt/clientcert.pem},
 * {@code /etc/pki/libvirt/private/clientkey.pem}). Keys in PKCS#8 or PKCS#1 (RSA) PEM.
 */
public record Pki(Path caCert, Path clientCert, Path clientKey) {
    public static Pki locate(Optional<String> pkipath, Path home) {
        if (pkipath.isPresent()) {
            Path d = Path.of(pkipath.get());
            return new Pki(d.resolve("cacert.pem"), d.resolve("clientcert.pem"), d.resolve("clientkey.pem"));
        }
        Path user = home.resolve(".pki/libvirt");
        Path systemCa = Path.of("/etc/pki/CA/cacert.pem");
        if (Files.exists(user.resolve("clientcert.pem"))) {
            Path ca = Files.exists(user.resolve("cacert.pem")) ? user.resolve("cacert.pem") : systemCa;
            return new Pki(ca, user.resolve("clientcert.pem"), user.resolve("clientkey.pem"));
        }
        return new Pki(systemCa, Path.of("/etc/pki/libvirt/clientcert.pem"),
                Path.of("/etc/pki/libvirt/private/clientkey.pem"));
    }

    /** A TLS context that presents the client certificate (when there is one) and trusts the CA (unless {@code noVerify}). */
    public SSLContext context(boolean noVerify) throws IOException {
        try {
            KeyManagerFactory kmf = null;
            if (Files.exists(clientCert)) {
                if (!Files.exists(clientKey)) {
                    throw new IOException("client certificate " + clientCert + " has no key at " + clientKey);
                }
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                List<Certificate> chain = certificates(clientCert);
                ks.setKeyEntry("client", privateKey(clientKey), new char[0], chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            TrustManager[] trust;
            if (noVerify) {
                trust = new TrustManager[] {new TrustAll()};
            } else {
                if (!Files.exists(caCert)) {
                    throw new IOException("no CA certificate at " + caCert
                            + " (give the directory of cacert.pem with pkipath=, or no_verify=1)");
                }
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (Certificate c : certificates(caCert)) {
                    ts.setCertificateEntry("ca" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
                trust = tmf.getTrustManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS certificates (" + this + "): " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IOException("no certificate in " + file);
            }
            return new ArrayList<>(certs);
        }
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file);
        byte[] der;
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            der = body(pem, "PRIVATE KEY");
        } else if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            der = pkcs1ToPkcs8(body(pem, "RSA PRIVATE KEY"));
        } else {
            throw new IOException(file + " holds no PKCS#8 or RSA private key in PEM");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static byte[] body(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----") + label.length() + 16;
        int end = pem.indexOf("-----END " + label + "-----", start);
        return Base64.getMimeDecoder().decode(pem.substring(start, end));
    }

    /** Wraps an RSA key in the PKCS#8 structure: version 0, rsaEncryption, the key as an octet string. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] inner = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, inner, 0, version.length);
        System.arraycopy(algorithm, 0, inner, version.length, algorithm.length);
        System.arraycopy(octets, 0, inner, version.length + algorithm.length, octets.length);
        return der(0x30, inner);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }

    /** {@code no_verify=1}: the server's certificate is not checked, as libvirt's option. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
