package mind.settings.api;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.settings.service.RoleService;

@Path("/roles")
@Tag(name = "Roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoleResource {

    /** Who may read roles: the base roles, and any identity holding readProfiles. */
    private static final String READ_PROFILES = "readProfiles";

    private final RoleService service;

    public RoleResource(RoleService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, READ_PROFILES })
    @Operation(summary = "List roles", description = "{success, roles:[{id, name, baseRoleId, membersCount, permissions}]} "
            + "in id order: the base roles 1 admin, 2 agent, 3 serviceWorker (baseRoleId null, permissions fixed), then "
            + "the custom roles. membersCount: profiles with the role (a base role counts those without a custom role).")
    public RoleList list() {
        return new RoleList(true, service.list());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, READ_PROFILES })
    @Operation(summary = "Get a role", description = "{success, role:{id, name, baseRoleId, permissions, membersCount, "
            + "permissionSectionsRenderConfig:[{id, label, permissions:[{name, value}]}]}}: every known permission once, "
            + "grouped in the sections tickets, aiAgents, settings, profiles, teams, tags, value true when the role "
            + "grants it. ETag = its version; 404 for an unknown id.")
    public RestResponse<RoleOne> get(@PathParam("id") long id) {
        return service.get(id).ok();
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a custom role", description = "Body {name, baseRoleId, permissions}. name (1-255) "
            + "required, unique regardless of case, also against the base roles (409 duplicate naming name); baseRoleId "
            + "1 admin, 2 agent (default), 3 serviceWorker (400 naming baseRoleId): profiles of the role have it as "
            + "their role for every check of a base role; permissions: permission names out of those GET /roles/1 lists "
            + "(400 naming permissions[i] for an unknown one), or an object of permission name to true/false as "
            + "permissionSectionsRenderConfig reports them, the true ones granted (400 naming permissions.<name> for an "
            + "unknown name or a value that is not a boolean); default the base role's. Answer {success:true,id}. Admin "
            + "only. Honours Idempotency-Key.")
    public Created create(@Valid @NotNull RoleRequest body) {
        return Created.of(service.create(body));
    }

    @PATCH
    @Path("/{id}")
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Update a custom role", description = "Only the fields sent change; permissions (a list of "
            + "names or an object of name to true/false, as in POST /roles) replaces the role's permissions. A new baseRoleId or new permissions apply to the role's members at once, and each "
            + "member profile gets a new version (ETag). Base roles (1-3) cannot be changed: 409 base_role. If-Match "
            + "gives 412 when the role changed since. Answers the role as GET /roles/{id}. Admin only.")
    public RestResponse<RoleOne> update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull RolePatch patch) {
        // the body's shape first, as for any other field Jackson refuses: a bad permissions is a 400 whatever the role
        patch.permissionNames();
        return service.update(id, patch, IfMatchHeader.version(ifMatch)).ok();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a custom role", description = "The role's members move to assignRoleId (a base role or "
            + "another custom role; 400 naming assignRoleId when there is none) in the same transaction, each with a new "
            + "version. A role with members and no assignRoleId is refused: 409 role_has_members naming the count. Base "
            + "roles cannot be deleted (409 base_role). If-Match honoured (412). Admin only.")
    public Success delete(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "the role the members move to") @QueryParam("assignRoleId") String assignRoleId) {
        service.delete(id, roleId(assignRoleId), IfMatchHeader.version(ifMatch));
        return Success.OK;
    }

    private static Long roleId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("assignRoleId", "must be a role id");
        }
    }
}
