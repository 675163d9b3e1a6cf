package mind.settings.api;

import mind.common.persistence.IfMatch;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;
import mind.common.persistence.Versioned;
import mind.settings.domain.UdfType;
import mind.settings.service.UserDefinedFunctionService;

@Path("/settings/user-defined-function")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserDefinedFunctionResource {

    private final UserDefinedFunctionService service;

    public UserDefinedFunctionResource(UserDefinedFunctionService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get user-defined functions", description = "All user-defined functions in id order, as "
            + "enneo's UserDefinedFunction: id, name, type and data.udfExecutor {id (the function's id), code, "
            + "type sourceCode, language, packages, parameters}. filter=tool gives only tools, filter=udf only "
            + "the others; any other value is a 400 naming filter. No paging. Readable by admin, agent and serviceWorker.")
    public UserDefinedFunctionList list(@Parameter(description = "tool or udf; omitted: all") @QueryParam("filter") UdfType filter) {
        return new UserDefinedFunctionList(true, service.list(filter));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get a user-defined function", description = "{success:true, userDefinedFunction:{...}} "
            + "with the same object as the list. The ETag header carries its version for If-Match on DELETE. 404 "
            + "when the id is unknown. Readable by admin, agent and serviceWorker.")
    public RestResponse<UserDefinedFunctionOne> get(@PathParam("id") long id) {
        Versioned<UserDefinedFunctionView> function = service.get(id);
        return function.ok(new UserDefinedFunctionOne(true, function.value()));
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a new user-defined function", description = "Accepts enneo's UserDefinedFunction "
            + "(name, type tool|udf, data.udfExecutor {code, type sourceCode, language, packages, parameters}; ids "
            + "ignored) and the short form {name, code, language, isTool}; the two may be mixed, and a value given in "
            + "both places must be the same (400 naming the short field otherwise). Required: name, code, language. "
            + "name: 1-100 characters, a letter or _ first, then letters, digits, _ and - (it is called as "
            + "/executor/execute/{name}); unique regardless of case (409 duplicate naming name). language: python311, "
            + "node20 or php82 (400 naming language). code: at most mind.settings.udf.max-code-bytes UTF-8 bytes "
            + "(default 256 KiB; 400 naming the field it came in). parameters: a JSON object or array of at most "
            + "mind.settings.udf.max-parameters-bytes (default 64 KiB), default {}. packages: text of at most "
            + "mind.settings.udf.max-packages-length characters (default 4096), default empty. type defaults to udf. "
            + "Answers {success:true, id}. Honours Idempotency-Key. Admin only.")
    public UserDefinedFunctionCreated create(@Valid @NotNull UserDefinedFunctionRequest body) {
        return new UserDefinedFunctionCreated(true, service.create(body.toNew()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a user-defined function", description = "404 when the id is unknown; 409 udf_in_use "
            + "(naming the hooks) while event hooks run it. With If-Match "
            + "(the ETag of GET /settings/user-defined-function/{id}) the function is deleted only while it still has "
            + "that version, else 412; * matches any version; without the header the last writer wins. Admin only.")
    public Success delete(@PathParam("id") long id,
            @Parameter(description = "ETag of the version to delete") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, IfMatch.versions(ifMatch));
        return Success.OK;
    }
}
