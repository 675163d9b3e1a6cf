package mind.ticket.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.validation.BoundedJsonObject;
import mind.ticket.events.ReportedEvent;

/** Body of {@code POST /ticket/{ticketId}/events}: an event another service reports. */
@Schema(name = "TicketEventAppend")
public record TicketEventRequest(
        @NotNull @Pattern(regexp = "[a-z][A-Za-z0-9]{0,63}", message = "must be lower camel case, letters and digits, at most 64 characters")
        @Schema(example = "callConnected") String type,
        @BoundedJsonObject(maxBytes = 16_384, maxKeys = 100) @Schema(description = "a JSON object of at most 16 KB") JsonNode data,
        @Schema(description = "shown only with showTechnicalInformation=true; default false") Boolean technical) {

    ReportedEvent toReported() {
        return new ReportedEvent(type, data, Boolean.TRUE.equals(technical));
    }
}
