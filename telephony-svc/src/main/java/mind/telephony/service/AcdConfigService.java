package mind.telephony.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.client.RemoteCallException;
import mind.common.client.RemoteRejectedException;
import mind.common.error.ApiException;
import mind.common.persistence.IfMatch;
import mind.common.persistence.Versioned;
import mind.telephony.api.AcdConfigPatch;
import mind.telephony.api.AcdConfigPatch.AcdQueue;
import mind.telephony.client.SettingsGateway;
import mind.telephony.config.TelephonyConfig;

/**
 * The ACD configuration as {@code /telephony/acd/config} shows it, and its change by an admin, written
 * through settings-svc ({@code POST /settings}, all or nothing) with the admin's own token, so that
 * settings-svc checks the permission and validates the values itself as well.
 */
@ApplicationScoped
public class AcdConfigService {

    /** API field → setting name. */
    static final Map<String, String> SETTINGS = Map.of("enabled", "acdEnabled", "queues", "acdQueues",
            "wrapUpSeconds", "acdWrapUpSeconds", "maxWaitSeconds", "acdMaxWaitSeconds",
            "ringTimeoutSeconds", "acdRingTimeoutSeconds");
    static final String ROUTING_ORDER = "longestIdle";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final AcdSettings acd;
    private final SettingsGateway settings;
    private final ObjectMapper json;
    private final TelephonyConfig config;

    public AcdConfigService(AcdSettings acd, SettingsGateway settings, ObjectMapper json, TelephonyConfig config) {
        this.acd = acd;
        this.settings = settings;
        this.json = json;
        this.config = config;
    }

    /** The configuration in force, with a version (a digest of its values) for ETag and If-Match. */
    public Versioned<Map<String, Object>> current(String authorization) {
        return versioned(acd.current(authorization));
    }

    /**
     * Applies the change; answers the configuration afterwards. {@code ifMatch} is compared with the values
     * read from settings-svc just before the write (412 when they differ).
     */
    public Versioned<Map<String, Object>> change(AcdConfigPatch patch, String ifMatch, String authorization) {
        ObjectNode values = json.createObjectNode();
        patch.enabled().applyTo(v -> values.put("acdEnabled", v));
        patch.queues().applyTo(v -> values.set("acdQueues", json.valueToTree(checked(v))));
        patch.wrapUpSeconds().applyTo(v -> values.put("acdWrapUpSeconds", v));
        patch.maxWaitSeconds().applyTo(v -> values.put("acdMaxWaitSeconds", v));
        patch.ringTimeoutSeconds().applyTo(v -> values.put("acdRingTimeoutSeconds", v));
        patch.routingOrder().applyTo(v -> {
            if (!ROUTING_ORDER.equals(v)) {
                throw ApiException.invalidField("routingOrder", "must be " + ROUTING_ORDER + " (the only order there is)");
            }
        });
        if (ifMatch != null) {
            acd.forget();
            IfMatch.check(ifMatch, current(authorization).version(), "the ACD configuration");
        }
        if (!values.isEmpty()) {
            try {
                settings.saveSettings(values, authorization);
            } catch (RemoteRejectedException e) {
                throw rejected(e);
            } catch (RemoteCallException | FaultToleranceException e) {
                throw ApiException.unavailable("settings-svc could not save the ACD configuration; try again later",
                        config.retryAfterSeconds());
            }
        }
        acd.forget(); // this replica shows the new values at once; others within mind.telephony.acd.cache-for
        return current(authorization);
    }

    private static List<AcdQueue> checked(List<AcdQueue> queues) {
        Set<Long> served = new HashSet<>();
        for (int i = 0; i < queues.size(); i++) {
            AcdQueue q = queues.get(i);
            String at = "queues[" + i + "]";
            if (q == null) {
                throw ApiException.invalidField(at, "must be an object");
            }
            if (q.name() == null || q.name().isBlank() || q.name().length() > 100) {
                throw ApiException.invalidField(at + ".name", "is required, 1 to 100 characters");
            }
            ids(q.skills(), at + ".skills");
            ids(q.subchannelIds(), at + ".subchannelIds");
            if (q.subchannelIds() != null) {
                for (Long sub : q.subchannelIds()) {
                    if (!served.add(sub)) {
                        // routing reads a call's skill from the one queue serving its subchannel
                        throw ApiException.invalidField(at + ".subchannelIds", "subchannel " + sub + " is served by another queue");
                    }
                }
            }
        }
        return queues;
    }

    private static void ids(List<Long> ids, String field) {
        if (ids == null) {
            return;
        }
        if (ids.size() > 100) {
            throw ApiException.invalidField(field, "at most 100");
        }
        if (ids.stream().anyMatch(id -> id == null || id < 1)) {
            throw ApiException.invalidField(field, "must be positive ids");
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw ApiException.invalidField(field, "must not repeat an id");
        }
    }

    /** settings-svc's refusal in our terms: its setting names become this endpoint's field names. */
    private static ApiException rejected(RemoteRejectedException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.status() == 403) {
            return new ApiException(403, "forbidden", "settings-svc refused the change: " + rename(message));
        }
        String field = SETTINGS.entrySet().stream().filter(s -> message.contains(s.getValue())).map(Map.Entry::getKey)
                .findFirst().orElse("body");
        return ApiException.invalidField(field, "settings-svc refused the value: " + rename(message));
    }

    private static String rename(String message) {
        String out = message;
        for (Map.Entry<String, String> s : SETTINGS.entrySet()) {
            out = out.replace(s.getValue(), s.getKey());
        }
        return out;
    }

    private Versioned<Map<String, Object>> versioned(AcdSettings.Values v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("enabled", v.enabled());
        out.put("queues", v.queues());
        out.put("wrapUpSeconds", v.wrapUpSeconds());
        out.put("maxWaitSeconds", v.maxWaitSeconds());
        out.put("ringTimeoutSeconds", v.ringTimeoutSeconds());
        out.put("routingOrder", ROUTING_ORDER);
        return new Versioned<>(out, version(out));
    }

    /** A digest of the values, as a number of at most 18 digits (what If-Match accepts). */
    static long version(Map<String, Object> values) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(values).getBytes(StandardCharsets.UTF_8));
            long n = 0;
            for (int i = 0; i < 8; i++) {
                n = (n << 8) | (digest[i] & 0xff);
            }
            return Math.floorMod(n, 1_000_000_000_000_000_000L);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
