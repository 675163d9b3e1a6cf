package mind.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import mind.common.testing.JwtMinter;

/**
 * The suite's signing key pair, generated on first start under the data folder. The services
 * trust the public half; {@code ./mind token} signs with the private half.
 */
final class Keys {

    /** Roles of the tokens {@code ./mind token} prints, and the user id each gets by default. */
    static final Map<String, Set<String>> ROLES = Map.of(
            "admin", Set.of("admin"),
            "agent", Set.of("agent"),
            // a phone system updates the ticket it names by externalTicketId: that takes updateTicket
            "telephony", Set.of("serviceWorker", "updateTicket"));
    static final Map<String, Long> DEFAULT_USER = Map.of("admin", 1L, "agent", 2L, "telephony", 900L);

    private final Path privatePem;
    private final Path publicPem;
    private final Path secretsKeyset;
    private final Path aiagentKeyset;
    private final Path softphoneKey;

    Keys(Path dataDir) {
        this.privatePem = dataDir.resolve("keys/private.pem");
        this.publicPem = dataDir.resolve("keys/public.pem");
        this.secretsKeyset = dataDir.resolve("keys/settings-keyset.json");
        this.aiagentKeyset = dataDir.resolve("keys/aiagent-keyset.json");
        this.softphoneKey = dataDir.resolve("keys/softphone-signing-key");
    }

    Keys ensure() throws IOException {
        Files.createDirectories(privatePem.getParent());
        if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
            KeyPair pair = JwtMinter.generateKeyPair();
            Files.writeString(privatePem, JwtMinter.toPem(pair.getPrivate(), "PRIVATE KEY"));
            Files.writeString(publicPem, JwtMinter.toPem(pair.getPublic(), "PUBLIC KEY"));
            ownerOnly(privatePem);
        }
        // settings-svc's and aiagent-svc's Tink keysets for secrets at rest: kept with the data they protect,
        // one per service, as in a cluster
        ensureKeyset(secretsKeyset, "settings");
        ensureKeyset(aiagentKeyset, "aiagent");
        if (!Files.exists(softphoneKey)) {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Files.writeString(softphoneKey, java.util.Base64.getEncoder().encodeToString(key));
            ownerOnly(softphoneKey);
        }
        return this;
    }

    private static void ensureKeyset(Path file, String service) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        // what common's KeysetTool makes, written here so that the launcher needs no service library
        try {
            AeadConfig.register();
            Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IOException("could not generate the " + service + " keyset", e);
        }
        ownerOnly(file);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the data folder is the user's own
        }
    }

    /** The keyset settings-svc seals secrets with ({@code mind.settings.encryption.keyset}). */
    String secretsKeyset() throws IOException {
        return Files.readString(secretsKeyset);
    }

    /** The keyset aiagent-svc seals executor secrets with ({@code mind.aiagent.encryption.keyset}). */
    String aiagentKeyset() throws IOException {
        return Files.readString(aiagentKeyset);
    }

    /** The key telephony-svc signs softphone tokens with ({@code mind.telephony.softphone.signing-key}). */
    String softphoneKey() throws IOException {
        return Files.readString(softphoneKey);
    }

    /** The private half that signs the suite's tokens (for tests that forge tokens next to real ones). */
    java.security.PrivateKey signingKey() throws IOException {
        return JwtMinter.readPrivateKey(privatePem);
    }

    /** The public half as PEM text, as a client could read it. */
    String publicKeyPem() throws IOException {
        return Files.readString(publicPem);
    }

    String publicKeyBody() throws IOException {
        return JwtMinter.pemBody(Files.readString(publicPem));
    }

    String token(String role, Long userId, Duration ttl) throws IOException {
        Set<String> groups = ROLES.get(role);
        if (groups == null) {
            throw new IllegalArgumentException("Unknown role '" + role + "'; use one of " + ROLES.keySet());
        }
        long user = userId != null ? userId : DEFAULT_USER.get(role);
        return token(groups, user, ttl);
    }

    /** A token with exactly these groups (roles and permissions), as the contract test needs. */
    String token(Set<String> groups, long userId, Duration ttl) throws IOException {
        return new JwtMinter(JwtMinter.readPrivateKey(privatePem)).mint(userId, groups, ttl);
    }
}
