package mind.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;

import mind.common.secrets.SecretMask;

/**
 * Encryption at rest of secrets in a service's rows: settings-svc's secret settings, subchannel data and
 * OAuth tokens, aiagent-svc's executor secrets. Authenticated encryption (AES-256-GCM by default) with a
 * Tink keyset from the service's configuration (a Kubernetes Secret in the cluster). Not a bean: each
 * service makes one from its own configuration key, so that each has its own keyset.
 *
 * <p>Rotation is Tink's: the keyset holds several keys, the primary one seals, every one of them opens
 * (each ciphertext names its key in its first bytes). To rotate, add a new key, make it primary, deploy;
 * values are re-sealed with the new key when they are next written; remove the old key only after that.
 *
 * <p>Each value is sealed with a context (for example {@code setting:executorSecrets}) as associated
 * data, so a ciphertext copied into another row or field does not open there.
 */
public class SecretSealer {

    /** Marks a stored value as sealed; the version lets a later format live beside this one. */
    public static final String PREFIX = "sealed:v1:";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Writes and reads the JSON text of a sealed value, so that its type (number, object, ...) survives. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Aead aead;

    /**
     * @param keyset    a Tink keyset in Tink's JSON format, as text or base64 of that text
     * @param configKey the configuration key it came from, named in the message when it is unusable
     * @throws IllegalStateException naming {@code configKey}, never quoting the keyset
     */
    public SecretSealer(String keyset, String configKey) {
        this.aead = primitive(keyset, configKey);
    }

    /**
     * The sealer for a service, or a clear stop when its keyset is missing: a service that keeps secrets
     * does not start without one.
     */
    public static SecretSealer required(java.util.Optional<String> keyset, String configKey, String service) {
        return new SecretSealer(keyset.filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(configKey
                + " is not set: " + service + " needs a Tink keyset to keep secrets encrypted (see README, \"Secrets at rest\")")),
                configKey);
    }

    private static Aead primitive(String keyset, String configKey) {
        String json = keyset.strip();
        if (!json.startsWith("{")) {
            json = new String(Base64.getMimeDecoder().decode(json), StandardCharsets.UTF_8);
        }
        try {
            AeadConfig.register();
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException | RuntimeException e) {
            // never the keyset's text in the message: it is the secret
            throw new IllegalStateException(configKey + " is not a usable Tink AEAD keyset ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    public static boolean isSealed(Object value) {
        return value instanceof String text && text.startsWith(PREFIX);
    }

    public String seal(String plaintext, String context) {
        try {
            byte[] ciphertext = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), ad(context));
            return PREFIX + ENCODER.encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a secret failed", e);
        }
    }

    /**
     * Opens what {@link #seal} made under the same context.
     *
     * @throws UnreadableSecretException when the value is not sealed, was sealed under another context or
     *         by a key no longer in the keyset, or was changed
     */
    public String open(String sealed, String context) {
        if (!isSealed(sealed)) {
            throw new UnreadableSecretException(context);
        }
        try {
            byte[] plaintext = aead.decrypt(DECODER.decode(sealed.substring(PREFIX.length())), ad(context));
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableSecretException(context);
        }
    }

    /**
     * A copy of free-form {@code data} in which the value of every secret key ({@link SecretMask#isSecretKey},
     * at any depth) is sealed; other values are copied as they are. A secret value of any JSON type is sealed
     * as its JSON text, so it opens as the same type (a number stays a number, an object an object). A
     * secret value equal to {@link SecretMask#MASK}, which
     * is what a reader saw, keeps the sealed value at the same place in {@code previous}: a client may
     * send back what it read with one field changed without wiping the password it could not see.
     *
     * @param previous the stored (sealed) data being replaced, or null
     * @throws IllegalArgumentException naming the path when a secret value is the mask with no previous
     *         value to keep
     */
    public Map<String, Object> sealSecrets(Map<String, Object> data, Map<String, Object> previous, String context) {
        return data == null ? null : sealMap(data, previous, context, "");
    }

    /** The inverse of {@link #sealSecrets}: a copy with every sealed value opened. */
    public Map<String, Object> openSecrets(Map<String, Object> data, String context) {
        return data == null ? null : openMap(data, context, "");
    }

    private Map<String, Object> sealMap(Map<String, Object> data, Map<String, Object> previous, String context, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            String key = entry.getKey();
            String at = path.isEmpty() ? key : path + "." + key;
            Object value = entry.getValue();
            Object before = previous == null ? null : previous.get(key);
            if (value != null && SecretMask.isSecretKey(key)) {
                copy.put(key, sealValue(value, before, context, at));
            } else {
                copy.put(key, sealNested(value, before, context, at));
            }
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private Object sealNested(Object value, Object before, String context, String path) {
        if (value instanceof Map<?, ?> map) {
            return sealMap((Map<String, Object>) map, before instanceof Map<?, ?> b ? (Map<String, Object>) b : null, context, path);
        }
        if (value instanceof List<?> list) {
            List<?> previousList = before instanceof List<?> b ? b : List.of();
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(sealNested(list.get(i), i < previousList.size() ? previousList.get(i) : null, context, path + "[" + i + "]"));
            }
            return copy;
        }
        return value;
    }

    private Object sealValue(Object value, Object before, String context, String path) {
        if (SecretMask.MASK.equals(value)) {
            if (isSealed(before)) {
                return before;
            }
            if (before != null) {
                // stored in plain text before sealing existed: kept, and sealed now
                return sealValue(before, null, context, path);
            }
            throw new IllegalArgumentException(path + ": the masked value can only stand for a secret that is already stored");
        }
        try {
            return seal(JSON.writeValueAsString(value), context + "/" + path);
        } catch (JsonProcessingException e) {
            // never the value in the message: it is the secret
            throw new IllegalArgumentException(path + ": a secret must be a JSON value");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> openMap(Map<String, Object> data, String context, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            String at = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            copy.put(entry.getKey(), openNested(entry.getValue(), context, at));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private Object openNested(Object value, String context, String path) {
        if (isSealed(value)) {
            String text = open((String) value, context + "/" + path);
            try {
                return JSON.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                throw new UnreadableSecretException(context + "/" + path);
            }
        }
        if (value instanceof Map<?, ?> map) {
            return openMap((Map<String, Object>) map, context, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(openNested(list.get(i), context, path + "[" + i + "]"));
            }
            return copy;
        }
        return value;
    }

    private static byte[] ad(String context) {
        return context.getBytes(StandardCharsets.UTF_8);
    }
}
