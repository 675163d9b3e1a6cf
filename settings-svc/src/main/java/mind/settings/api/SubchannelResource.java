package mind.settings.api;

import mind.common.persistence.IfMatch;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.api.Channel;
import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.common.params.PhpArrayParams;
import mind.common.persistence.Versioned;
import mind.common.secrets.SecretMask;
import mind.settings.service.SubchannelService;

@Path("/settings/subchannel")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubchannelResource {

    private static final String FILTER_VALUES = "all, email, chat, voice (= phone), phone, letter, internal (= system); "
            + "also portal, system, walkIn";

    private static final String SECRET_RULE = "A key of data is secret when, lower-cased and with every character "
            + "other than a-z and 0-9 removed, it contains one of [" + SecretMask.MARKER_TEXT + "] (so password, IMAP_Password, "
            + "api-key, client_secret, refreshToken, credentials are secret; username, host, port are not). The value of "
            + "a secret key, at any depth (nested objects and arrays included) and of any type, is replaced by \""
            + SecretMask.MASK + "\"; a null stays null. ";

    private final SubchannelService service;
    private final SecurityIdentity identity;

    public SubchannelResource(SubchannelService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get subchannels", description = "Lists subchannels in id order. Filters: channels "
            + "(array syntax ?channels[]=email&channels[]=chat; plain repeated ?channels=email&channels=chat, "
            + "indexed ?channels[0]=email and comma-separated ?channels=email,chat are accepted too), the deprecated "
            + "single ?channel=email, and id. Filter values: " + FILTER_VALUES + ". enneo's filter enum differs from "
            + "the Subchannel channel enum: voice selects channel phone and internal selects channel system. All "
            + "channel values given in any form are combined (union); all, or no value, means every channel; empty "
            + "values are ignored. id narrows the result further (an unknown id gives an empty list, not 404). An "
            + "unknown filter value is a 400 naming the parameter. No paging: a client has few subchannels. "
            + "Secrets in data (IMAP passwords, OAuth tokens) are masked for every reader unless showSecrets=true, "
            + "which only admins may ask for (anyone else gets 403; the roles that may list subchannels are admin, "
            + "agent and serviceWorker). " + SECRET_RULE + "Non-secret keys are always shown. Secrets are encrypted at "
            + "rest (see POST). When the result is exactly one subchannel (as with ?id=), the response carries its "
            + "ETag (its version) for If-Match on PUT and DELETE.")
    @APIResponse(responseCode = "200", description = "The subchannels",
            content = @Content(schema = @Schema(implementation = SubchannelList.class)))
    @Parameter(name = "channels[]", in = ParameterIn.QUERY, description = "Channels to include (array syntax). Values: "
            + FILTER_VALUES, schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "channels", in = ParameterIn.QUERY, description = "Same as channels[], repeated without brackets, "
            + "indexed (channels[0]) or comma-separated", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    public Response list(
            @Parameter(description = "Deprecated single-channel form of channels[]", deprecated = true)
            @QueryParam("channel") List<String> channel,
            @Parameter(description = "Only the subchannel with this id") @QueryParam("id") Long id,
            @Parameter(name = "showSecrets", description = "true reveals the secret values in data; admin only (403 "
                    + "otherwise). Accepts true/false (also 1/0); default false.",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("showSecrets") Boolean showSecrets,
            @Context UriInfo uriInfo) {
        boolean revealSecrets = Boolean.TRUE.equals(showSecrets);
        if (revealSecrets && !identity.hasRole(Roles.ADMIN)) {
            throw new ApiException(403, "forbidden", "showSecrets=true needs the admin role");
        }
        Set<Channel> selected = EnumSet.noneOf(Channel.class);
        for (PhpArrayParams.Value value : PhpArrayParams.values(uriInfo, "channels", ChannelFilter.MAX_VALUES)) {
            ChannelFilter.select(value.parameter(), List.of(value.value()), selected);
        }
        ChannelFilter.select("channel", channel, selected);
        if (selected.size() == Channel.values().length) {
            selected.clear();
        }
        List<Versioned<SubchannelView>> found = service.list(selected, id, revealSecrets);
        Response.ResponseBuilder response = Response.ok(new SubchannelList(true, found.stream().map(Versioned::value).toList()));
        if (found.size() == 1) {
            response.tag(found.get(0).etag());
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get a subchannel", description = "{success:true, subchannel:{...}}: one subchannel in the "
            + "shape of the list, with its ETag (its version) for If-Match on PUT and DELETE. Secrets in data are always "
            + "masked here, for every caller: " + SECRET_RULE + "An admin who needs them in clear reads "
            + "GET /settings/subchannel?id={id}&showSecrets=true. 404 when the id is unknown. Readable by admin, agent "
            + "and serviceWorker.")
    public org.jboss.resteasy.reactive.RestResponse<SubchannelOne> get(@PathParam("id") long id) {
        Versioned<SubchannelView> subchannel = service.get(id);
        return subchannel.ok(new SubchannelOne(true, subchannel.value()));
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a new subchannel", description = "Body is a Subchannel; id is ignored and generated. "
            + "Required: channel and name (1-255 characters). Defaults: isDefault false, interface internal, enabled "
            + "true, data {}. data is a JSON object of at most 64 KiB (and 200 top-level keys). The values of its "
            + "secret keys (see GET) are encrypted at rest (Tink AEAD), whatever their type, and masked on read; the "
            + "mask \"" + SecretMask.MASK + "\" as a secret's value is a 400 here, since a new subchannel has no stored "
            + "secret to keep (PUT keeps it). "
            + "At most one subchannel per channel is the default: creating a default clears the channel's previous "
            + "default in the same transaction, which gets a new version (ETag); concurrent creates are serialized per "
            + "channel. Names need not be "
            + "unique. Honours Idempotency-Key. Admin only.")
    public SubchannelCreated create(@Valid @NotNull SubchannelRequest body) {
        return new SubchannelCreated(true, service.create(body.toNewSubchannel()).id);
    }

    @PUT
    @Path("/{id}")
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a subchannel", description = "Not in enneo's documentation (which has no way to "
            + "change a subchannel): replaces every field of the subchannel with the body, a Subchannel as for POST "
            + "(its id is ignored; the path names the subchannel). A secret in data sent back as \"" + SecretMask.MASK
            + "\" keeps the stored secret at the same place, so a client may send back what it read with other fields "
            + "changed. Becoming the default takes over from the channel's previous default (which gets a new version, "
            + "so its ETag changes). 404 for an unknown id. "
            + "If-Match (the ETag of GET ?id=) is honoured: 412 when the subchannel changed since. Answers "
            + "{success:true} with the new ETag. Honours Idempotency-Key. Admin only.")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = Success.class)))
    public Response replace(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull SubchannelRequest body) {
        long version = service.replace(id, body.toNewSubchannel(), IfMatch.versions(ifMatch));
        return Response.ok(Success.OK).tag(new EntityTag(Long.toString(version))).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a subchannel", description = "Deletes the subchannel; 404 when the id is unknown. "
            + "Deleting a channel's default leaves that channel without a default (no other subchannel is promoted). "
            + "If-Match (the ETag of GET ?id=) is honoured: 412 when the subchannel changed since. Admin only.")
    public Success delete(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, IfMatch.versions(ifMatch));
        return Success.OK;
    }
}
