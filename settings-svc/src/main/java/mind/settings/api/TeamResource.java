package mind.settings.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;
import mind.common.persistence.Versioned;
import mind.settings.service.TeamService;

@Path("/team")
@Tag(name = "Teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {

    private final TeamService service;

    public TeamResource(TeamService service) {
        this.service = service;
    }

    @GET
    @Path("/list")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "List teams", description = "{success:true,teams:[{id,name,parent,description,memberIds}]} in "
            + "id order; memberIds are profile ids, ascending.")
    public TeamList list() {
        return new TeamList(true, service.list());
    }

    @GET
    @Path("/tree")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Team tree", description = "A bare array of root teams, each with its sub-teams in children "
            + "(id order at every level).")
    public List<TeamNode> tree() {
        List<TeamView> all = service.list();
        Map<Long, TeamNode> nodes = new HashMap<>();
        all.forEach(t -> nodes.put(t.id(), TeamNode.of(t)));
        List<TeamNode> roots = new ArrayList<>();
        for (TeamView t : all) {
            TeamNode parent = t.parent() == null ? null : nodes.get(t.parent());
            (parent == null ? roots : parent.children()).add(nodes.get(t.id()));
        }
        return roots;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get a team", description = "The team next to success:true; ETag = its version; 404 for an "
            + "unknown id.")
    public RestResponse<TeamView> get(@PathParam("id") long id) {
        Versioned<TeamView> t = service.get(id);
        return t.ok();
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a team", description = "Body {name, parent, description, memberIds}; name (1-255) "
            + "required and unique (409 duplicate naming name); parent an existing team; memberIds existing profiles "
            + "(400 naming the field). Answer {success:true,id}. Admin only.")
    public Created create(@Valid @NotNull TeamRequest body) {
        return Created.of(service.create(body));
    }

    @PATCH
    @Path("/{id}")
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Update a team", description = "Only the fields sent change; memberIds replaces the members "
            + "(each profile that joins or leaves gets a new version, ETag); parent null makes it a root; a parent that is the team or below it is a 400 naming parent. If-Match "
            + "gives 412 when the team changed since. Admin only.")
    public RestResponse<TeamView> update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TeamPatch patch) {
        Versioned<TeamView> t = service.update(id, patch, IfMatchHeader.version(ifMatch));
        return t.ok();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a team", description = "A team with sub-teams is refused (409 team_has_children); "
            + "its memberships are removed with it, and each former member profile gets a new version (ETag). If-Match honoured (412). Admin only.")
    public Success delete(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, IfMatchHeader.version(ifMatch));
        return Success.OK;
    }
}
