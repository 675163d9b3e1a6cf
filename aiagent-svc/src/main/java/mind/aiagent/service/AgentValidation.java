package mind.aiagent.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import mind.aiagent.domain.AiAgent;
import mind.aiagent.engine.AgentEngine;
import mind.aiagent.domain.AiAgentEnums.ExecutorType;
import mind.common.error.ApiException;

/**
 * What an agent must satisfy before it is stored, beyond the bean constraints of the request: the
 * structure of {@code settings} that the engine relies on. A failure is a 400 naming the exact path
 * ({@code settings.executor[1].language}).
 */
@ApplicationScoped
public class AgentValidation {

    static final Set<String> LANGUAGES = Set.of("python311", "node20", "php82");

    private final AgentEngine engine;

    public AgentValidation(AgentEngine engine) {
        this.engine = engine;
    }

    public void check(AiAgent agent) {
        checkSettings(agent.settings);
    }

    public void checkSettings(JsonNode settings) {
        if (settings == null || settings.isNull()) {
            return;
        }
        if (!settings.isObject()) {
            throw ApiException.invalidField("settings", "must be a JSON object");
        }
        JsonNode executors = settings.get("executor");
        if (executors != null && !executors.isNull()) {
            if (!executors.isArray()) {
                throw ApiException.invalidField("settings.executor", "must be an array");
            }
            for (int i = 0; i < executors.size(); i++) {
                checkExecutor(executors.get(i), "settings.executor[" + i + "]");
            }
        }
        for (String list : new String[] { "parameters", "responseCases" }) {
            JsonNode node = settings.get(list);
            if (node != null && !node.isNull() && !node.isArray()) {
                throw ApiException.invalidField("settings." + list, "must be an array");
            }
        }
        // parameters, CEL conditions and Qute texts: the engine's own reading, so what is stored runs
        engine.define(settings);
    }

    private static void checkExecutor(JsonNode executor, String path) {
        if (!executor.isObject()) {
            throw ApiException.invalidField(path, "must be an object");
        }
        String type = executor.path("type").asText(null);
        if (type == null) {
            throw ApiException.invalidField(path + ".type", "is required (sourceCode, apiCall or visualEditor)");
        }
        ExecutorType parsed;
        try {
            parsed = ExecutorType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(path + ".type", "must be one of sourceCode, apiCall, visualEditor");
        }
        if (parsed == ExecutorType.sourceCode) {
            String language = executor.path("language").asText(null);
            if (language == null || !LANGUAGES.contains(language)) {
                throw ApiException.invalidField(path + ".language", "must be one of node20, php82, python311");
            }
            JsonNode code = executor.get("code");
            if (code == null || !code.isTextual() || code.asText().isBlank()) {
                throw ApiException.invalidField(path + ".code", "is required for a sourceCode executor");
            }
            if (code.asText().length() > 200_000) {
                throw ApiException.invalidField(path + ".code", "must be at most 200000 characters");
            }
        }
    }
}
