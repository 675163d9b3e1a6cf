package mind.telephony.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import mind.common.client.RemoteCallException;
import mind.common.error.ApiException;
import mind.telephony.client.AgentProfile;
import mind.telephony.client.ProviderClient;
import mind.telephony.client.SettingsGateway;
import mind.telephony.config.TelephonyConfig;
import mind.telephony.repository.QueueEntryRepository;

/** Agent availability, phone number checks, test and outbound calls. */
@ApplicationScoped
public class TelephonyAdmin {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** The fields of a provider's answer that may carry the call's id (its channelId in callReceived), in this order. */
    static final List<String> CALL_ID_FIELDS = List.of("channelId", "callId");

    /**
     * An outbound call handed to the provider: the call's channelId when the provider's answer names it, the ticket
     * of that call when callReceived already registered it (with its ticket), and the provider's answer as it came.
     */
    public record PlacedCall(Long ticketId, String channelId, JsonNode response) {
    }

    private final SettingsGateway settings;
    private final TelephonyConfig config;
    private final QueueEntryRepository queue;

    public TelephonyAdmin(SettingsGateway settings, TelephonyConfig config, QueueEntryRepository queue) {
        this.settings = settings;
        this.config = config;
        this.queue = queue;
    }

    /**
     * The number in E.164 when it is written with its country code (+...) and has a length a number of that country
     * can have (libphonenumber's "possible", as for callReceived's phone: +49123456789, the contract's example, is
     * one); else null.
     */
    public String e164(String number) {
        if (number == null || !number.strip().startsWith("+")) {
            return null;
        }
        try {
            PhoneNumber parsed = PHONES.parse(number, null);
            return PHONES.isPossibleNumber(parsed) ? PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * A caller's number in E.164: written with its country code (+49..., 0049...) or nationally in
     * {@code mind.telephony.default-region}; spaces, dashes, brackets and {@code tel:} are allowed. Null when
     * libphonenumber cannot read it or its length fits no number of that country.
     */
    public String normalise(String number) {
        if (number == null) {
            return null;
        }
        try {
            PhoneNumber parsed = PHONES.parse(number, config.defaultRegion());
            return PHONES.isPossibleNumber(parsed) ? PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    public Map<String, Object> availability(long userId, String authorization) {
        String auth = config.serviceToken().map(t -> "Bearer " + t).orElse(authorization);
        AgentProfile profile;
        try {
            profile = settings.profile(userId, auth)
                    .orElseThrow(() -> ApiException.notFound("No profile with id " + userId));
        } catch (RemoteCallException | org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException e) {
            throw ApiException.unavailable("settings-svc could not be read; try again later", config.retryAfterSeconds());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("userId", userId);
        out.put("available", profile.availableForCalls());
        out.put("status", profile.settings() == null ? null : profile.settings().status());
        out.put("callRoutingStatus", profile.settings() == null ? null : profile.settings().callRoutingStatus());
        out.put("skills", profile.settings() == null ? null : profile.settings().skills());
        return out;
    }

    /** A test call: {@code {phoneNumber, subchannelId}} to the provider's test call endpoint. */
    public JsonNode testCall(String e164, Long subchannelId) {
        var url = config.providerTestCallUrl().orElseThrow(() -> notConfigured("test calls",
                "mind.telephony.provider-test-call-url"));
        return providerCall(url, callBody(e164, subchannelId), "test call");
    }

    /**
     * An agent's outbound call: {@code {phoneNumber, subchannelId, isPhoneNumberHidden}} to the provider's outbound
     * call endpoint.
     */
    public PlacedCall outboundCall(String e164, Long subchannelId, boolean phoneNumberHidden) {
        var url = config.providerOutboundCallUrl().orElseThrow(() -> notConfigured("outbound calls",
                "mind.telephony.provider-outbound-call-url"));
        ObjectNode body = callBody(e164, subchannelId);
        body.put("isPhoneNumberHidden", phoneNumberHidden);
        JsonNode answer = providerCall(url, body, "outbound call");
        String channelId = callId(answer);
        Long ticketId = channelId == null ? null : QuarkusTransaction.requiringNew().call(
                () -> queue.findByChannelId(channelId).map(e -> e.ticketId).orElse(null));
        return new PlacedCall(ticketId, channelId, answer);
    }

    /** The call's id in the provider's answer ({@link #CALL_ID_FIELDS}, a string or number of 1 to 255 characters), or null. */
    static String callId(JsonNode answer) {
        for (String field : CALL_ID_FIELDS) {
            JsonNode id = answer.path(field);
            if (id.isTextual() || id.isIntegralNumber()) {
                String text = id.asText().strip();
                if (!text.isEmpty() && text.length() <= 255) {
                    return text;
                }
            }
        }
        return null;
    }

    private static ObjectNode callBody(String e164, Long subchannelId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("phoneNumber", e164);
        if (subchannelId != null) {
            body.put("subchannelId", subchannelId);
        }
        return body;
    }

    private static ApiException notConfigured(String what, String property) {
        return new ApiException(501, "provider_not_configured",
                "No phone provider is configured for " + what + " (" + property + ")");
    }

    /** Sends the call to the provider; its JSON answer ({} when it has none). Unreachable or failing: 503. */
    private JsonNode providerCall(java.net.URI url, ObjectNode body, String what) {
        ProviderClient provider = QuarkusRestClientBuilder.newBuilder().baseUri(url)
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS).build(ProviderClient.class);
        try {
            JsonNode answer = provider.call(body);
            return answer == null ? JsonNodeFactory.instance.objectNode() : answer;
        } catch (RuntimeException e) {
            throw ApiException.unavailable("The phone provider did not accept the " + what, config.retryAfterSeconds());
        }
    }
}
