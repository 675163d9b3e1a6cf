package mind.ticket.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import mind.common.auth.Roles;
import mind.ticket.service.TicketSearch;

/**
 * {@code POST /ticket/search}. A literal path segment, so JAX-RS matches it before
 * {@code /ticket/{ticketId}} of {@link TicketResource}.
 */
@Path("/ticket")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final TicketSearch search;
    private final SecurityIdentity identity;

    public SearchResource(TicketSearch search, SecurityIdentity identity) {
        this.search = search;
        this.identity = identity;
    }

    @POST
    @Path("/search")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get a list of tickets", description = "Compact tickets matching all filters (the filter "
            + "grammar of enneo's clients: set keys with in, not in, =, !=, <, >, <=, >=; date keys with scalar "
            + "comparators and between/not between, values YYYY-MM-DD[ HH:MM:SS], ISO-8601, unix seconds, CURRENT_DATE, "
            + "CURRENT_TIME, relative '-7 DAY'; q as full text, numeric q also matching ticket, contract and customer "
            + "ids; tag sets tt_matchAll/Any/Exact/allowed/excluded.tagId; i.aiAgentId the AI agents of the intents last "
            + "detected on the ticket, as tt.tagId; t.claimedBy the holder of a live work-queue claim; \"null\" in values "
            + "matches an empty field). "
            + "A read: no Idempotency-Key needed. limit 1..500 (default 100), orderByField from the whitelist "
            + "(default t.id), orderByDirection asc|desc (default desc), relevance only with q. ticketScope=skills "
            + "limits to the caller's skills from settings-svc and leaves spam out (503 when settings-svc cannot "
            + "answer). Unknown keys, comparators or values are 400 naming the filter; keys naming data this "
            + "service does not hold (t.partnerId, t.isCustomerActive, t.modelRunAt, t.responderId, w.id, qa.state) are "
            + "400 unsupported_filter.")
    public TicketSearchResponse search(TicketSearchRequest body) {
        TicketSearchRequest request = body == null ? new TicketSearchRequest(null, null, null, null, null, null) : body;
        TokenCredential token = identity.getCredential(TokenCredential.class);
        String authorization = token == null ? null : "Bearer " + token.getToken();
        // the profile the request acts for: the principal's name is a token's sub, On-Behalf-Of's profile or an
        // API key's profile (common's Callers)
        String profileId = identity.getPrincipal().getName();
        return search.search(request, new TicketSearch.Caller(profileId, authorization));
    }
}
