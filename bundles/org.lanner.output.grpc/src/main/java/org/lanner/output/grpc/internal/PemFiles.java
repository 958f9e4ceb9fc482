package org.lanner.output.grpc.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys from PEM files, as OpenSSL writes them: PKCS#8 ({@code PRIVATE KEY}),
 * PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}) keys; the last two are
 * wrapped into PKCS#8 for Java. Encrypted keys are refused.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final byte[] OID_RSA = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] OID_EC = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {
    }

    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            cf.generateCertificates(in).forEach(c -> certs.add((X509Certificate) c));
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return certs;
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("(?m)^[A-Za-z-]+:.*$", ""));
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(der);
                }
                case "RSA PRIVATE KEY" -> {
                    if (m.group(2).contains("ENCRYPTED")) {
                        throw new GeneralSecurityException("encrypted private keys are not supported");
                    }
                    return pkcs8(wrap(seq(OID_RSA, new byte[] {0x05, 0x00}), der));
                }
                case "EC PRIVATE KEY" -> {
                    if (m.group(2).contains("ENCRYPTED")) {
                        throw new GeneralSecurityException("encrypted private keys are not supported");
                    }
                    return pkcs8(wrap(seq(OID_EC, ecCurve(der)), der));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException("encrypted private keys are not supported");
                default -> {
                    // EC PARAMETERS and the like: skip
                }
            }
        }
        throw new GeneralSecurityException("no private key in " + file);
    }

    /**
     * Whether {@code key} is the private half of the certificate's public key: signs a probe with the
     * key and verifies it with the certificate (works for RSA, EC, EdDSA and RSASSA-PSS keys alike).
     */
    static boolean matches(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
        PublicKey pub = cert.getPublicKey();
        if (!key.getAlgorithm().equals(pub.getAlgorithm())) {
            return false;
        }
        Signature signer = Signature.getInstance(signatureAlgorithm(key));
        Signature verifier = Signature.getInstance(signatureAlgorithm(key));
        if (key.getAlgorithm().equals("RSASSA-PSS")) {
            PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            signer.setParameter(pss);
            verifier.setParameter(pss);
        }
        byte[] probe = "lanner key pair check".getBytes(StandardCharsets.US_ASCII);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        verifier.initVerify(pub);
        verifier.update(probe);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }

    private static String signatureAlgorithm(PrivateKey key) throws GeneralSecurityException {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            case "DSA" -> "SHA256withDSA";
            default -> throw new GeneralSecurityException("cannot check a " + key.getAlgorithm() + " key against its certificate");
        };
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported private key: " + last.getMessage(), last);
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, algorithm, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    /** The named curve of a SEC1 ECPrivateKey: the OID inside its [0] parameters. */
    private static byte[] ecCurve(byte[] der) throws GeneralSecurityException {
        int[] pos = {0};
        expect(der, pos, 0x30);
        readLength(der, pos);
        while (pos[0] < der.length) {
            int tag = der[pos[0]++] & 0xff;
            int len = readLength(der, pos);
            if (tag == 0xa0) {
                if ((der[pos[0]] & 0xff) != 0x06) {
                    break;
                }
                byte[] oid = new byte[len];
                System.arraycopy(der, pos[0], oid, 0, len);
                return oid;
            }
            pos[0] += len;
        }
        throw new GeneralSecurityException("EC private key without a named curve");
    }

    private static void expect(byte[] der, int[] pos, int tag) throws GeneralSecurityException {
        if ((der[pos[0]++] & 0xff) != tag) {
            throw new GeneralSecurityException("malformed key");
        }
    }

    private static int readLength(byte[] der, int[] pos) {
        int b = der[pos[0]++] & 0xff;
        if (b < 0x80) {
            return b;
        }
        int n = b & 0x7f;
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[pos[0]++] & 0xff);
        }
        return len;
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
