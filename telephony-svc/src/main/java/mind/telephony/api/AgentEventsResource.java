package mind.telephony.api;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import mind.common.auth.Callers;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.telephony.events.AgentStreams;

/** The live channel to an agent's browser: it is told to open a call's ticket when the call is connected. */
@Path("/telephony")
@Tag(name = "Telephony")
public class AgentEventsResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final AgentStreams streams;
    private final SecurityIdentity identity;

    public AgentEventsResource(AgentStreams streams, SecurityIdentity identity) {
        this.streams = streams;
        this.identity = identity;
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Blocking
    // nginx-style proxies (the Ingress) would otherwise buffer the stream and hold events back
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @Operation(summary = "The agent's event stream (Server-Sent Events)", description = """
            A text/event-stream the agent's frontend keeps open (EventSource), with the agent's own token: \
            Authorization: Bearer, or the connect.sid cookie. Each message's data is JSON. First \
            {"type":"connected","userId":..}; then, whenever a call is connected to this agent (agentConnected, \
            callReceived with userId, or once the ticket of such a call exists), \
            {"type":"openTicket","ticketId":..,"channelId":..}: the frontend opens that ticket. Messages carry \
            increasing ids; a client reconnecting with Last-Event-ID gets what it missed within \
            mind.telephony.events.replay-window (5 minutes). A comment line (": heartbeat") is sent every \
            mind.telephony.events.heartbeat (20 s) so that proxies keep the stream open. The stream ends with \
            {"type":"closed","reason":"tokenExpired"} when the token expires (reconnect with a fresh one) or \
            "replaced" when the agent opens more than mind.telephony.events.max-streams-per-agent (5) streams \
            on one replica (the oldest is closed). Works with any number of replicas: events pass between them \
            through PostgreSQL LISTEN/NOTIFY. 400 when Last-Event-ID is not an event id. Roles: admin, agent.""")
    // a stream of text events, not the JSON array the generator makes of a Multi
    @APIResponse(responseCode = "200", description = """
            text/event-stream, open until the token expires: messages of an "id: <n>" line and a "data: <JSON>"             line, then a blank line; comment lines (": heartbeat") in between. data is one of             {"type":"connected","userId":42} (first), {"type":"openTicket","ticketId":1,"channelId":"call_4711"}             (open that ticket), {"type":"closed","reason":"tokenExpired"|"replaced"} (last). Send the last id             seen as Last-Event-ID when reconnecting to get what was missed.""",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(type = SchemaType.STRING, description = "Server-Sent Events (text/event-stream)")))
    public Multi<OutboundSseEvent> events(
            @Parameter(description = "the id of the last message received, when reconnecting: the stream first sends "
                    + "the messages after it (within the replay window)", example = "17")
            @HeaderParam(LAST_EVENT_ID) String lastEventId, @Context Sse sse) {
        Long userId = Callers.profileId(identity);
        if (userId == null) {
            throw new ApiException(403, "forbidden", "The token names no user (its subject is not a user id)");
        }
        Long after = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                after = -1L;
            }
            if (after < 0) {
                throw ApiException.invalidField(LAST_EVENT_ID, "must be the id of an event this stream sent (a non-negative integer)");
            }
        }
        Instant expiresAt = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0
                ? Instant.ofEpochSecond(jwt.getExpirationTime())
                : null;
        return streams.open(userId, after, expiresAt, sse);
    }
}
