package mind.telephony.api;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;
import mind.common.persistence.Versioned;
import mind.telephony.service.AcdConfigService;

/** The automatic call distribution's configuration: read by everyone at work, changed by admins. */
@Path("/telephony")
@Tag(name = "Telephony")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AcdConfigResource {

    private final AcdConfigService acd;

    public AcdConfigResource(AcdConfigService acd) {
        this.acd = acd;
    }

    @GET
    @Path("/acd/config")
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER, Roles.AGENT })
    @Operation(summary = "ACD configuration", description = """
            The automatic call distribution as settings-svc holds it: {success, enabled, queues, wrapUpSeconds, \
            maxWaitSeconds, ringTimeoutSeconds, routingOrder}. routingOrder is always longestIdle (the longest-idle \
            available agent with matching skills). ETag: a digest of the values, for If-Match on PATCH. Admins change \
            it with PATCH /telephony/acd/config. Roles: admin, serviceWorker, agent.""")
    public RestResponse<Map<String, Object>> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Versioned<Map<String, Object>> current = acd.current(authorization);
        return current.ok();
    }

    @PATCH
    @Path("/acd/config")
    @RolesAllowed(Roles.ADMIN)
    // not atomic: it calls settings-svc and holds no transaction while it waits
    @Idempotent(atomic = false)
    @Operation(summary = "Change the ACD configuration", description = """
            Any of {enabled, queues, wrapUpSeconds (0-3600), maxWaitSeconds (0-86400), ringTimeoutSeconds (5-300), \
            routingOrder (only longestIdle)}; a field left out stays, null is refused (400 naming it). queues \
            replaces the list: each {name (1-100 characters), skills (tag ids), subchannelIds}, at most 100, a \
            subchannel in one queue only (400 naming e.g. queues[1].subchannelIds). Written to settings-svc \
            (acdEnabled, acdQueues, acdWrapUpSeconds, acdMaxWaitSeconds, acdRingTimeoutSeconds) in one all-or-nothing \
            POST /settings with the caller's token; a value settings-svc refuses is a 400 naming this endpoint's \
            field. If-Match: the ETag of GET (412 when the values changed since). Answers the configuration \
            afterwards, with its ETag; other replicas use it within mind.telephony.acd.cache-for. settings-svc \
            unavailable: 503. Admin only.""")
    public RestResponse<Map<String, Object>> change(@Valid @NotNull AcdConfigPatch body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Versioned<Map<String, Object>> after = acd.change(body, ifMatch, authorization);
        return after.ok();
    }
}
