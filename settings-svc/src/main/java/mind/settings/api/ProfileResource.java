package mind.settings.api;

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

import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.common.paging.PageRequest;
import mind.common.persistence.Versioned;
import mind.settings.domain.ProfileEnums.ProfileRole;
import mind.settings.domain.RolePermissions;
import mind.settings.service.ProfileService;

@Path("/")
@Tag(name = "Profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private final ProfileService service;
    private final SecurityIdentity identity;

    public ProfileResource(ProfileService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Path("profile")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get the caller's profile", description = "The profile whose id is the token's sub (or the "
            + "X-Enneo-On-Behalf-Of profile), with role, permissions and settings (status, routing statuses, skills as "
            + "tag ids, skillMatch, teamIds, backlogTagRestrictions); no email. Records lastSeen (at most once a "
            + "minute). A token whose sub has no stored profile gets one built from the token: role admin, "
            + "serviceWorker or agent (the first the token's groups hold), that role's permissions plus the token's "
            + "other groups, status offline, routing idle, no skills, no teams, names and lastSeen null.")
    public ProfileView me() {
        Long id = callerId();
        if (id != null) {
            var stored = service.me(id);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        return fromToken(id);
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
            + "without success). limit 1-1000 (default 100), offset >= 0.")
    public List<ProfileView> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        PageRequest page = PageRequest.of(limit, offset);
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
            + "unique (409 duplicate naming email). roleId 1 admin, 2 agent, 3 serviceWorker (default agent; role wins "
            + "over roleId). skills and backlogTagRestrictions must be existing tag ids, teamIds existing teams (400 "
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
            + "(403 otherwise). skills must be existing tag ids (400 naming settings.skills). If-Match gives 412 when "
            + "the profile changed since. Answers the profile with its new ETag.")
    public RestResponse<ProfileView> update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ProfilePatch patch) {
        if (!identity.hasRole(Roles.ADMIN)) {
            if (!Long.valueOf(id).equals(callerId())) {
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
        if (!identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.SERVICE_WORKER) && !Long.valueOf(id).equals(callerId())) {
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

    /** The caller's profile id: the token's sub, or the profile an X-Enneo-On-Behalf-Of request acts as. */
    private Long callerId() {
        try {
            return Long.parseLong(identity.getPrincipal().getName());
        } catch (NumberFormatException e) {
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
                role.roleId, List.copyOf(permissions), ProfileSettingsView.defaults(), null);
    }

    private static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }
}
