package mind.settings.api;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import mind.common.api.Success;
import mind.common.auth.Callers;
import mind.common.auth.OnBehalfOf;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.common.paging.PageRequest;
import mind.common.persistence.Versioned;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.RolePermissions;
import mind.settings.config.PeopleConfig;
import mind.settings.service.BulkItem;
import mind.settings.service.ProfileService;
import mind.settings.service.ProfileTickets;

@Path("/")
@Tag(name = "Profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileResource {

    /** GET /profiles: enneo's users list defaults to 1000 (not PageRequest's 100), and that is also its maximum. */
    static final int LIST_LIMIT = 1000;

    private final ProfileService service;
    private final ProfileTickets tickets;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final PeopleConfig config;

    public ProfileResource(ProfileService service, ProfileTickets tickets, SecurityIdentity identity, ObjectMapper json,
            PeopleConfig config) {
        this.service = service;
        this.tickets = tickets;
        this.identity = identity;
        this.json = json;
        this.config = config;
    }

    @GET
    @Path("profile")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get the caller's profile", description = "The profile whose id is the token's sub (or the "
            + "X-Enneo-On-Behalf-Of profile), with role, permissions and settings (status, routing statuses, skills as "
            + "tag ids, skillMatch, teamIds, backlogTagRestrictions); no email. Records lastSeen (at most once a "
            + "minute). A token whose sub has no stored profile gets one built from the token: role admin, "
            + "serviceWorker or agent (the first the token's groups hold), that role's permissions plus the token's "
            + "other groups, status offline, routing idle, no skills, no teams, names and lastSeen null. tickets: the "
            + "caller's open tickets (status open, assigned to the caller), newest first, at most "
            + "mind.people.caller-tickets-limit (100), as ticket-svc's search rows. When ticket-svc cannot be asked the "
            + "profile is still answered, with tickets [] and ticketsUnavailable true.")
    public ProfileView me() {
        Long id = Callers.profileId(identity);
        ProfileView profile = null;
        if (id != null) {
            profile = service.me(id).orElse(null);
        }
        if (profile == null) {
            profile = fromToken(id);
        }
        if (id == null) {
            return profile.withTickets(List.of(), false);
        }
        ProfileTickets.OpenTickets open = tickets.openTicketsOf(id);
        return profile.withTickets(open.tickets(), open.unavailable());
    }

    @GET
    @Path("profile/showAccessToken")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Show the caller's access token", description = "{success, token, expiresAt}: the bearer token "
            + "(a JWT or an API key) this request was authenticated with, from its Authorization header or its connect.sid cookie: what "
            + "enneo's logged-in browser showed to copy. Nothing new is minted: the token shown is the caller's own and "
            + "expires when it does (expiresAt null for an API key); a long-lived key for an integration is issued by "
            + "POST /jwt/{profileId}. Only the caller's own: with "
            + "X-Enneo-On-Behalf-Of the request acts as another profile, whose token this service does not have: 403. "
            + "Cache-Control: no-store; the token is never logged.")
    public RestResponse<AccessToken> showAccessToken() {
        if (identity.getAttribute(OnBehalfOf.ACTOR) != null) {
            throw forbidden("showAccessToken shows the caller's own token; a request on behalf of another profile has none "
                    + "of that profile's");
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.getToken() == null) {
            throw new ApiException(401, "unauthorized", "The request carries no bearer token");
        }
        String token = credential.getToken();
        return RestResponse.ResponseBuilder.ok(new AccessToken(true, token, expiryOf(token)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    @GET
    @Path("profile/timeTrackingStatusOptions")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Work statuses a person can choose", description = "{success, options:[{id, label, description, "
            + "availableForCalls, availableForChats, aliases}]}: the values of settings.status (available, busy, "
            + "offline), fixed in Mind because other services read them. aliases are the ids of enneo's time-tracking "
            + "statuses accepted for each on input (active; offwork, away; absent); answers always carry the id.")
    public TimeTrackingStatusOptions timeTrackingStatusOptions() {
        return TimeTrackingStatusOptions.ALL;
    }

    @GET
    @Path("profile/{id}/routing")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "What the routing would give a profile", description = "The tickets the work queue "
            + "(POST /ticket/getLatest) would hand this profile, in the queue's order (setting ticketRoutingOrder): open, "
            + "unassigned or assigned to the profile, matching its skills (skillMatch ALL: every skill, AT_LEAST_ONE: one; "
            + "no skills: any ticket). Read from ticket-svc's search with the caller's token; a ticket another agent has "
            + "claimed right now is still listed (claims are ticket-svc's own). q: full text as in the search (at most "
            + "200 characters); limit 1-100 (20), offset. With ticketId: ticket {id, routable, reasons[]}, every reason "
            + "that ticket would not be handed to the profile (status, assigned to someone else, skills); 404 when "
            + "ticket-svc has no such ticket. Admins and service workers any profile, agents their own (403). 404 for "
            + "an unknown profile; 503 with Retry-After when ticket-svc cannot be asked.")
    public ProfileRouting routing(@PathParam("id") long id, @QueryParam("ticketId") Long ticketId, @QueryParam("q") String q,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        if (!identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.SERVICE_WORKER) && !Callers.isProfile(identity, id)) {
            throw forbidden("Agents may see only their own routing");
        }
        return tickets.routing(id, ticketId, q, PageRequest.of(limit, offset, 20, 100));
    }

    @GET
    @Path("profile/{id}/supersetRoles")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Analytics roles for a profile", description = "{success, profileId, roles}: the analytics "
            + "(Apache Superset) roles a profile may be given, as enneo's reporting uses them. Mind has no analytics "
            + "integration of its own, so the list is what mind.people.superset-roles names, empty by default; it is "
            + "the same for every profile. 404 for an unknown profile.")
    public SupersetRoles supersetRoles(@PathParam("id") long id) {
        service.find(id, false).orElseThrow(() -> ApiException.notFound("Profile " + id + " not found"));
        return new SupersetRoles(true, id, config.supersetRoles().orElse(List.of()));
    }

    @PATCH
    @Path("profiles")
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Update a few profiles at once", description = "{profiles:[{id, ...the body of PATCH "
            + "/profile/{id}}]}, 1 to 100 items (more: 413 too_many_items, none: 400 naming profiles). Each item is "
            + "checked as the single PATCH checks it (400 naming the field, 404, 409 duplicate email). By default each "
            + "item is written in its own transaction: a failed item does not undo the others, and the answer (200) "
            + "lists {id, success, error, code, details} per item, success at the top true only when every item "
            + "succeeded. With atomic=true all items are written or none: any failure writes nothing and answers with "
            + "the status of the first failed item, its error shape and every item's result (the others: code "
            + "not_applied). No If-Match here: last writer wins. Admin only. Honours Idempotency-Key.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BulkProfileResults.Result.class)))
    @APIResponse(responseCode = "400", description = "A bad body; with atomic=true also an item's validation failure (with results)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkProfileResults.Refused.class)))
    @APIResponse(responseCode = "404", description = "With atomic=true: an item's profile does not exist (with results)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkProfileResults.Refused.class)))
    @APIResponse(responseCode = "409", description = "With atomic=true: an item's email is taken (with results)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkProfileResults.Refused.class)))
    public BulkProfileResults.Result bulkUpdate(@Parameter(description = "all items or none") @QueryParam("atomic") Boolean atomic,
            @Valid @NotNull BulkProfileResults.Request body) {
        List<BulkItem<ProfilePatch>> items = BulkItems.read(json, "profiles", body.profiles(), ProfilePatch.class);
        List<BulkItem.Result<Void>> results = Boolean.TRUE.equals(atomic) ? service.bulkUpdateAtomic(items) : service.bulkUpdate(items);
        return new BulkProfileResults.Result(results.stream().allMatch(BulkItem.Result::success),
                results.stream().map(BulkProfileResults.Item::of).toList());
    }

    @PATCH
    @Path("profiles/routingStatus")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Set several routing statuses", description = "{profiles:[{id, callRoutingStatus, "
            + "chatRoutingStatus, ifCurrent}]}, 1 to 100 items, each as PATCH /profile/{id}/routingStatus in its own "
            + "conditional UPDATE: 409 routing_status_changed for an item whose ifCurrent no longer holds, 404 for an "
            + "unknown id, 400 naming the field; the other items are written. Answer (200): {success, results:[{id, "
            + "success, callRoutingStatus, chatRoutingStatus} or {id, success:false, error, code, details}]}, success at "
            + "the top true only when every item succeeded. Admins and service workers any profile; agents their own "
            + "(403 for the item otherwise). Honours Idempotency-Key.")
    public BulkProfileResults.RoutingResult bulkRoutingStatus(@Valid @NotNull BulkProfileResults.Request body) {
        List<BulkItem<RoutingStatusRequest>> items = BulkItems.read(json, "profiles", body.profiles(), RoutingStatusRequest.class);
        boolean any = identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.SERVICE_WORKER);
        Long caller = Callers.profileId(identity);
        List<BulkItem.Result<RoutingStatusView>> results = service.bulkRouting(items, id -> any || Long.valueOf(id).equals(caller));
        return new BulkProfileResults.RoutingResult(results.stream().allMatch(BulkItem.Result::success),
                results.stream().map(BulkProfileResults.RoutingItem::of).toList());
    }

    /** An atomic bulk update that wrote nothing: the first failure's status and error, plus every item's result. */
    @ServerExceptionMapper
    public Response bulkRefused(BulkItem.Refused refused) {
        BulkItem.Result<?> first = refused.first();
        String message = "Nothing was written: profile " + first.id() + " failed: " + first.error();
        return Response.status(first.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new BulkProfileResults.Refused(false, message, first.code(), first.details(),
                        refused.results().stream().map(BulkProfileResults.Item::of).toList()))
                .build();
    }

    @GET
    @Path("profile/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get a profile", description = "One profile with email, role, permissions and settings, next "
            + "to success:true; ETag = its version. Other services read this (skills, skillMatch, status, routing "
            + "statuses, teamIds, role, permissions). 404 for an unknown id.")
    public RestResponse<ProfileView> get(@PathParam("id") long id) {
        Versioned<ProfileView> p = service.get(id);
        return p.ok();
    }

    @GET
    @Path("profiles")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "List profiles", description = "A bare array of profiles in id order (as GET /profile/{id} "
            + "without success). limit 1-1000 (default 1000, as enneo documents this list; there is no total, so a "
            + "client reads the next page while a page comes back full), offset >= 0 (default 0).")
    public List<ProfileView> list(@Parameter(description = "1-1000, default 1000") @QueryParam("limit") Integer limit,
            @Parameter(description = ">= 0, default 0") @QueryParam("offset") Integer offset) {
        PageRequest page = PageRequest.of(limit, offset, LIST_LIMIT, LIST_LIMIT);
        return service.page(page.limit(), page.offset());
    }

    @GET
    @Path("profiles/onlineSummary")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Counts of profiles by status", description = "total; status (available, busy, offline), "
            + "callRoutingStatus and chatRoutingStatus counts with every value listed; teams: per team (id order) its "
            + "member counts by status.")
    public OnlineSummary onlineSummary() {
        return service.onlineSummary();
    }

    @POST
    @Path("profile")
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a profile", description = "Body {email, firstName, lastName, phone, type, lang, "
            + "nameAlias, externalId, isSsoOnly, settings:{roleId or role, teamIds, skills, skillMatch, status, "
            + "callRoutingStatus, chatRoutingStatus, backlogTagRestrictions}}. email is required, stored lower-case and "
            + "unique (409 duplicate naming email). roleId 1 admin, 2 agent, 3 serviceWorker (default agent), or a custom "
            + "role of GET /roles: the profile's role is then the custom role's base role, roleId and permissions the "
            + "custom role's (400 naming settings.roleId for no such role). role names a base role and wins over roleId, "
            + "unless roleId is a custom role with that very base role. skills and backlogTagRestrictions must be existing tag ids, teamIds existing teams (400 "
            + "naming the field). Answer {success:true,id}; the id is the sub of the person's tokens. Admin only.")
    public Created create(@Valid @NotNull ProfileRequest body) {
        return Created.of(service.create(body));
    }

    @PATCH
    @Path("profile/{id}")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Update a profile", description = "Only the fields sent change (settings fields one by one; "
            + "settings.teamIds replaces the memberships; each team joined or left gets a new version, ETag). Admins may change any profile. Anyone else may change only "
            + "their own, and there only settings.status, settings.callRoutingStatus and settings.chatRoutingStatus "
            + "(403 otherwise). settings.roleId and settings.role as in POST /profile. skills must be existing tag ids (400 naming settings.skills). If-Match gives 412 when "
            + "the profile changed since. Answers the profile with its new ETag.")
    public RestResponse<ProfileView> update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ProfilePatch patch) {
        if (!identity.hasRole(Roles.ADMIN)) {
            if (!Callers.isProfile(identity, id)) {
                throw forbidden("Only admins may change another profile");
            }
            if (!patch.onlyOwnStatus()) {
                throw forbidden("On your own profile you may change only settings.status, settings.callRoutingStatus "
                        + "and settings.chatRoutingStatus");
            }
        }
        Versioned<ProfileView> p = service.update(id, patch, IfMatchHeader.version(ifMatch));
        return p.ok();
    }

    @PATCH
    @Path("profile/{id}/routingStatus")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Set routing status", description = "Body {callRoutingStatus, chatRoutingStatus, ifCurrent}; "
            + "at least one status. With ifCurrent, the change happens only when every status being changed is "
            + "currently ifCurrent, checked and written in one statement (of racing requests exactly one wins); "
            + "otherwise 409 routing_status_changed. Values: idle, reserved, ringing, inCall, inChat, wrapUp, busy, "
            + "offline. Agents may set only their own; admins and service workers (telephony, chat routing) any. "
            + "If-Match honoured (412).")
    public RestResponse<RoutingStatusView> routingStatus(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull RoutingStatusRequest body) {
        if (!identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.SERVICE_WORKER) && !Callers.isProfile(identity, id)) {
            throw forbidden("Agents may set only their own routing status");
        }
        Versioned<RoutingStatusView> v = service.setRouting(id, body, IfMatchHeader.version(ifMatch));
        return v.ok();
    }

    @DELETE
    @Path("profile/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a profile", description = "Removes the profile and its team memberships (each of its "
            + "teams gets a new version, ETag); 404 for an unknown id; If-Match honoured (412). Admin only.")
    public Success delete(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, IfMatchHeader.version(ifMatch));
        return Success.OK;
    }


    /** The exp claim of a JWT, or null when it has none that reads (the token was verified before; this is display). */
    private Instant expiryOf(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode exp = json.readTree(Base64.getUrlDecoder().decode(parts[1])).path("exp");
            return exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private ProfileView fromToken(Long id) {
        Set<String> groups = identity.getRoles();
        ProfileRole role = groups.contains(Roles.ADMIN) ? ProfileRole.admin
                : groups.contains(Roles.SERVICE_WORKER) ? ProfileRole.serviceWorker : ProfileRole.agent;
        java.util.LinkedHashSet<String> permissions = new java.util.LinkedHashSet<>(RolePermissions.of(role));
        groups.stream().filter(g -> !g.equals(Roles.ADMIN) && !g.equals(Roles.AGENT) && !g.equals(Roles.SERVICE_WORKER))
                .sorted().forEach(permissions::add);
        return new ProfileView(true, id == null ? 0 : id, null, null, null, null, "enneo", null, null, null, 0, role,
                role.roleId, List.copyOf(permissions), ProfileSettingsView.defaults(role), null, null, null);
    }

    private static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }
}
