package mind.aiagent.service;

import java.util.Map;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.aiagent.config.AiAgentConfig;
import mind.common.crypto.SecretSealer;
import mind.common.crypto.UnreadableSecretException;
import mind.common.error.ApiException;

/**
 * Executor secrets at rest: the values under secret keys ({@link mind.common.secrets.SecretMask#isSecretKey})
 * inside {@code settings.executor[]} are stored sealed with common's {@link SecretSealer} (Tink AEAD) and
 * aiagent-svc's own keyset ({@code mind.aiagent.encryption.keyset}). Each is sealed with its place as
 * associated data ({@code ai_agent:<slug>/executor[0]/apiKey}), so a ciphertext copied to another agent or
 * key does not open; every write seals again under the agent's current slug. Values stored in plain text
 * before sealing existed are read as they are and sealed on the agent's next write.
 *
 * <p>Started eagerly: without a usable keyset the service stops at start with a message naming the key.
 */
@Startup
@ApplicationScoped
public class ExecutorSecretBox {

    static final String CONFIG_KEY = "mind.aiagent.encryption.keyset";
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final SecretSealer sealer;

    public ExecutorSecretBox(AiAgentConfig config) {
        this.sealer = SecretSealer.required(config.encryption().keyset(), CONFIG_KEY, "aiagent-svc");
    }

    /**
     * A copy of {@code settings} with every executor secret sealed. {@code settings} holds plain values
     * (masks already replaced by the stored values, see {@link ExecutorSecrets#restoreMasked}).
     *
     * @throws ApiException 400 naming {@code settings.executor[i]...} when a secret is still the mask,
     *                      which stands for no stored value
     */
    public JsonNode seal(String slug, JsonNode settings) {
        return each(slug, settings, true);
    }

    /** A copy of stored {@code settings} with every sealed executor secret opened. */
    public JsonNode open(String slug, JsonNode settings) {
        return each(slug, settings, false);
    }

    @SuppressWarnings("unchecked")
    private JsonNode each(String slug, JsonNode settings, boolean seal) {
        if (settings == null || !settings.isObject() || !settings.path("executor").isArray()) {
            return settings;
        }
        ObjectNode copy = settings.deepCopy();
        ArrayNode executors = copy.putArray("executor");
        JsonNode stored = settings.get("executor");
        for (int i = 0; i < stored.size(); i++) {
            JsonNode executor = stored.get(i);
            if (!executor.isObject()) {
                executors.add(executor);
                continue;
            }
            Map<String, Object> map = PLAIN.convertValue(executor, Map.class);
            String context = "ai_agent:" + slug + "/executor[" + i + "]";
            Map<String, Object> result;
            if (seal) {
                try {
                    result = sealer.sealSecrets(map, null, context);
                } catch (IllegalArgumentException e) {
                    // the message names the path inside the executor, never the value
                    String path = e.getMessage() == null ? "" : e.getMessage().replaceFirst(":.*$", "");
                    throw ApiException.invalidField("settings.executor[" + i + "]." + path,
                            "is the mask (********) but no secret is stored there; send the secret itself");
                }
            } else {
                try {
                    result = sealer.openSecrets(map, context);
                } catch (UnreadableSecretException e) {
                    throw new IllegalStateException("An executor secret of AI agent '" + slug + "' (executor " + i
                            + ") cannot be opened with the configured keyset (" + CONFIG_KEY + ")");
                }
            }
            executors.add(PLAIN.valueToTree(result));
        }
        return copy;
    }
}
