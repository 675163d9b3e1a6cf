package mind.aiagent.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code mind.aiagent.*}. */
@ConfigMapping(prefix = "mind.aiagent")
public interface AiAgentConfig {

    /**
     * Bearer token (a serviceWorker token) for the activity event an applied outcome appends to the
     * ticket: ticket-svc accepts events from services only. Unset: the event is skipped and the
     * outcome says so.
     */
    Optional<String> serviceToken();

    /**
     * Where clients reach Mind, up to and excluding {@code /api/mind} ({@code https://mind.example.com}): the
     * {@code curlRequests} of a preview or outcome name ticket calls there. Unset: the scheme and host of the
     * request being answered (behind an ingress that ends TLS, set it, or the lines say {@code http}).
     */
    Optional<String> publicUrl();

    /**
     * The executor endpoint that runs source-code executors ({@code sourceCode}: python311, node20, php82):
     * preview and outcome POST to exactly this URL (README, "Source-code executors"). Unset: they do not run
     * and the outcome says {@code needsExecutor}.
     */
    Optional<String> executorUrl();

    /**
     * How long one executor call may take. ticket-svc waits 20 s for a whole outcome; the fault-tolerance
     * timeout of {@code ExecutorGateway/run} is 10 s, so this stays below it.
     */
    @WithDefault("8S")
    Duration executorTimeout();

    /** The OpenAI-compatible chat endpoint smart agents use; off until url, model and key are all set. */
    Llm llm();

    /**
     * Seals executor secrets at rest ({@code settings.executor[]}). Required: the service does not start
     * without a keyset.
     */
    Encryption encryption();

    /** The relay of AI agent changes to settings-svc's event hooks ({@code mind.aiagent.hooks.*}). */
    Hooks hooks();

    interface Llm {

        /** Base URL of the endpoint, up to and excluding {@code /chat/completions} ({@code https://api.openai.com/v1}). */
        Optional<String> url();

        /** The model name sent with each request ({@code gpt-4o-mini}). */
        Optional<String> model();

        /** The API key, sent as {@code Authorization: Bearer}; any text for endpoints without authentication. */
        Optional<String> key();

        /**
         * How long one chat request may take. ticket-svc waits 20 s for a whole outcome, so this stays
         * well below that; the fault-tolerance timeout of {@code LlmGateway/chat} is set from it.
         */
        @WithDefault("8S")
        Duration timeout();

        /**
         * true: ask for a JSON Schema bound answer ({@code response_format: json_schema}, strict); false: only
         * for a JSON object ({@code json_object}), for endpoints that know no schemas.
         */
        @WithDefault("true")
        boolean jsonSchema();

        /** Sampling temperature sent with each request. */
        @WithDefault("0")
        double temperature();

        /** The most characters of ticket text (subject, body, messages) sent to the endpoint. */
        @WithDefault("12000")
        int maxTicketChars();

        /** The names of the settings that are missing, empty when the endpoint is configured. */
        default java.util.List<String> missing() {
            java.util.List<String> missing = new java.util.ArrayList<>();
            if (url().filter(s -> !s.isBlank()).isEmpty()) missing.add("mind.aiagent.llm.url");
            if (model().filter(s -> !s.isBlank()).isEmpty()) missing.add("mind.aiagent.llm.model");
            if (key().filter(s -> !s.isBlank()).isEmpty()) missing.add("mind.aiagent.llm.key");
            return missing;
        }
    }

    interface Encryption {
        /** A Tink AEAD keyset in Tink's JSON format, as text or base64 of it ({@code MIND_AIAGENT_ENCRYPTION_KEYSET}). */
        Optional<String> keyset();
    }

    /**
     * {@code mind.aiagent.hooks.*}: {@code mind.aiagent.hooks.HookOutboxRelay} (common's EventOutboxRelay), which hands the {@code hook_outbox}
     * rows to settings-svc with {@code mind.aiagent.service-token}.
     */
    interface Hooks extends mind.common.hooks.EventOutboxConfig {
    }
}
