package mind.settings.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import mind.common.api.Channel;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.settings.service.SubchannelService;

@Path("/settings/subchannel")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubchannelResource {

    private static final String FILTER_VALUES = "all, email, chat, voice (= phone), phone, letter, internal (= system); "
            + "also portal, system, walkIn";

    /** PHP-style indexed arrays ({@code channels[0]=email}), as http_build_query writes them. */
    private static final Pattern INDEXED_CHANNELS = Pattern.compile("channels\\[\\d{1,3}]");

    private final SubchannelService service;

    public SubchannelResource(SubchannelService service) {
        this.service = service;
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
            + "data is returned as stored (not yet masked).")
    public SubchannelList list(
            @Parameter(name = "channels[]", description = "Channels to include (array syntax). Values: " + FILTER_VALUES,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
            @QueryParam("channels[]") List<String> channelsArray,
            @Parameter(description = "Same as channels[], repeated without brackets or comma-separated")
            @QueryParam("channels") List<String> channels,
            @Parameter(description = "Deprecated single-channel form of channels[]", deprecated = true)
            @QueryParam("channel") List<String> channel,
            @Parameter(description = "Only the subchannel with this id", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("id") String id,
            @Context UriInfo uriInfo) {
        Set<Channel> selected = EnumSet.noneOf(Channel.class);
        ChannelFilter.select("channels[]", channelsArray, selected);
        ChannelFilter.select("channels", channels, selected);
        ChannelFilter.select("channel", channel, selected);
        for (Map.Entry<String, List<String>> param : uriInfo.getQueryParameters().entrySet()) {
            if (INDEXED_CHANNELS.matcher(param.getKey()).matches()) {
                ChannelFilter.select(param.getKey(), param.getValue(), selected);
            }
        }
        if (selected.size() == Channel.values().length) {
            selected.clear();
        }
        List<SubchannelView> views = service.list(selected, parseId(id)).stream().map(SubchannelView::of).toList();
        return new SubchannelList(true, views);
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a new subchannel", description = "Body is a Subchannel; id is ignored and generated. "
            + "Required: channel and name (1-255 characters). Defaults: isDefault false, interface internal, enabled "
            + "true, data {}. data is a JSON object of at most 64 KiB (and 200 top-level keys), stored as given. "
            + "At most one subchannel per channel is the default: creating a default clears the channel's previous "
            + "default in the same transaction (concurrent creates are serialized per channel). Names need not be "
            + "unique. Honours Idempotency-Key. Admin only.")
    public SubchannelCreated create(@Valid @NotNull SubchannelRequest body) {
        return new SubchannelCreated(true, service.create(body.toNewSubchannel()).id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a subchannel", description = "Deletes the subchannel; 404 when the id is unknown. "
            + "Deleting a channel's default leaves that channel without a default (no other subchannel is promoted). "
            + "Admin only.")
    public Confirmation delete(@PathParam("id") long id) {
        service.delete(id);
        return Confirmation.OK;
    }

    private static Long parseId(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("id", "must be an integer");
        }
    }
}
