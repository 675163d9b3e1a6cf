package mind.telephony.api;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /telephony/outboundCall}: testOutboundCall's fields and whether to hide the caller id. */
public record OutboundCallRequest(@Size(max = 32) String phoneNumber, @Positive Long subchannelId,
        @JsonProperty("isPhoneNumberHidden") Boolean isPhoneNumberHidden) {
}
