package mind.settings.api;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.common.persistence.Versioned;
import mind.settings.domain.TagEnums.TagType;
import mind.settings.service.DetectionTicket;
import mind.settings.service.TagService;
import mind.settings.service.TagService.TagFilter;

@Path("/tag")
@Tag(name = "Tags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TagResource {

    private static final String TYPES = "skill, product, brand, customerProperty, contractProperty, other";
    private static final int MAX_Q = 200;

    private final TagService service;
    private final DetectionTicket detectionTicket;

    public TagResource(TagService service, DetectionTicket detectionTicket) {
        this.detectionTicket = detectionTicket;
        this.service = service;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get tags", description = "Tags in id order: {tags:[...],success:true}. type filters by tag "
            + "type (one value, or several comma-separated or repeated: " + TYPES + "). q keeps tags whose name or "
            + "fullName contains it (case-insensitive, at most " + MAX_Q + " characters). format picks the fields: "
            + "compact, short, medium (default), full, detection; every format has id, name, fullName, type and "
            + "visibility (public, private, disabled). Disabled tags are left out unless includeDisabled=true. "
            + "detectionFilter is not supported: 400. fullName joins the names of the parent chain with ': ' "
            + "(\"Second Level: Complaint\"). No paging: a client's tags are few.")
    public TagList list(
            @Parameter(description = "Tag type(s): " + TYPES) @QueryParam("type") List<String> type,
            @Parameter(description = "Text in name or fullName") @QueryParam("q") String q,
            @Parameter(description = "short, medium (default), full, compact or detection") @QueryParam("format") String format,
            @Parameter(description = "Also list disabled tags (default false)") @QueryParam("includeDisabled") Boolean includeDisabled,
            @Parameter(description = "Not supported; any value is a 400") @QueryParam("detectionFilter") String detectionFilter) {
        if (detectionFilter != null) {
            throw ApiException.invalidField("detectionFilter", "is not supported; filter with type and q");
        }
        if (q != null && q.length() > MAX_Q) {
            throw ApiException.invalidField("q", "at most " + MAX_Q + " characters");
        }
        TagFormat chosen = TagFormat.parse(format);
        List<TagView> tags = service.list(new TagFilter(types(type), q, Boolean.TRUE.equals(includeDisabled)));
        return new TagList(tags.stream().map(t -> t.in(chosen)).toList(), true);
    }

    @GET
    @Path("/tree")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get the tag tree", description = "A bare array of root tags, each with its children "
            + "(id order at every level). type and includeDisabled as for GET /tag. A tag whose parent is left out by "
            + "the filter (another type, or disabled) is shown as a root.")
    public List<TagNode> tree(@Parameter(description = "Tag type(s): " + TYPES) @QueryParam("type") List<String> type,
            @QueryParam("includeDisabled") Boolean includeDisabled) {
        List<TagView> tags = service.list(new TagFilter(types(type), null, Boolean.TRUE.equals(includeDisabled)));
        Map<Long, TagNode> nodes = new HashMap<>();
        tags.forEach(t -> nodes.put(t.id(), TagNode.of(t)));
        List<TagNode> roots = new ArrayList<>();
        for (TagView t : tags) {
            TagNode parent = t.parent() == null ? null : nodes.get(t.parent());
            (parent == null ? roots : parent.children()).add(nodes.get(t.id()));
        }
        return roots;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get a tag", description = "The whole Tag next to success:true, with its version as ETag. "
            + "A disabled tag is 404 unless includeDisabled=true; an unknown id is 404.")
    public RestResponse<TagView> get(@PathParam("id") long id, @QueryParam("includeDisabled") Boolean includeDisabled) {
        Versioned<TagView> tag = service.get(id, Boolean.TRUE.equals(includeDisabled));
        return tag.ok();
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a tag", description = "Body: {name, type, detectionDetails, fullName, parent, "
            + "visibility, sla} or the older {name, reference, type}; name (1-255) and type are required. Defaults: "
            + "reference ticket, visibility public, color grey, empty lists and detectionDetails. fullName is ignored "
            + "(derived from the parent chain). parent must be an existing tag (400 naming parent); tags nest at most "
            + "20 levels. detectionDetails and testCase: JSON objects of at most 64 KiB. Answer {success:true,id}. "
            + "Admin only; honours Idempotency-Key.")
    public Created create(@Valid @NotNull TagRequest body) {
        return Created.of(service.create(body));
    }

    @PATCH
    @Path("/{id}")
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Update a tag", description = "Only the fields sent change; null clears parent (the tag "
            + "becomes a root), complexity, sla, priority or testCase, and is a 400 for the others. A parent that is the "
            + "tag itself or one of its descendants is a 400 naming parent. If-Match with the ETag of GET gives 412 when "
            + "the tag changed since. A new name or parent gives every tag below a new version too (their fullName "
            + "changes). Answers the updated tag with its new ETag. Admin only.")
    public RestResponse<TagView> update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TagPatch patch) {
        Versioned<TagView> tag = service.update(id, patch, IfMatchHeader.version(ifMatch));
        return tag.ok();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a tag", description = "A tag with child tags is not deleted: 409 tag_has_children "
            + "(move or delete the children first). The tag is removed from every profile's skills and backlog "
            + "restrictions, and each such profile gets a new version (ETag). Tickets and AI agents in other services keep the id. If-Match honoured (412). Admin only.")
    public Success delete(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, IfMatchHeader.version(ifMatch));
        return Success.OK;
    }

    @POST
    @Path("/{id}/detect")
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER })
    @Operation(summary = "Test a tag's detection", description = "Dry test, nothing is written: do the tag's detection "
            + "rules match a ticket? Body {ticketId, testTags, data}; answers {success:true, match, alerts, rules, "
            + "ticketId}. data holds the ticket's fields (subject, body, channel, subchannelId, from, customer, "
            + "contract, ...; e.g. what GET /ticket/{id} answers). Without data, ticketId names the ticket: settings-svc "
            + "reads it from ticket-svc with the caller's token (GET /ticket/{id}?viewing=false&includeCustomer=true; 404 "
            + "naming ticketId when there is none, 503 with Retry-After when ticket-svc cannot be asked); with neither, "
            + "nothing is tested (match false, with an alert saying so). testTags (a tag object or an array of them) tests "
            + "unsaved settings: the entry whose id is the tag's (or the only one without an id) replaces the stored "
            + "detectionDetails, channels and subchannels. Deterministic rules, all in detectionDetails: keywords "
            + "(texts; one of them in subject, body, bodyPlain or bodyClean, case-insensitive); conditions "
            + "([{field, comparator, value|values}], field a dotted path into data such as customer.email or "
            + "tags[0].name; comparators =, !=, >, <, >=, <= (numbers, else text order, which orders YYYY-MM-DD dates), "
            + "in and not in (values), contains, not contains, startsWith, endsWith (case-insensitive), exists, not "
            + "exists; an array field equals a value when one element does) combined by conditionLogic and (default) "
            + "or or; and the tag's channels and subchannels (data.channel and data.subchannelId must be among them). "
            + "The AI part (method ai or aiAndCondition, or an aiDetection, prompt, examples or trainingData key) needs "
            + "a language model and is not evaluated: an alert says so and the tag does not match. match is true only "
            + "when every rule was evaluated and holds; whatever could not be evaluated (a field missing in data, an "
            + "unknown comparator, no rules at all) is an alert and makes match false; rules lists each rule with "
            + "matched true, false or null. 400 naming data or testTags when they are not objects or past "
            + "mind.people.max-tag-json-bytes (64 KiB; also max-tag-json-keys top-level keys); 404 for an unknown tag (a disabled tag is tested too). "
            + "Admin and serviceWorker.")
    public TagDetectResult detect(@PathParam("id") long id, @Valid @NotNull TagDetectRequest body) {
        JsonNode data = body.data();
        if ((data == null || data.isNull()) && body.ticketId() != null) {
            service.requireTag(id);
            data = detectionTicket.fields(body.ticketId());
        }
        return TagDetectResult.of(service.detect(id, body.testTags(), data), body.ticketId());
    }

    private static Set<TagType> types(List<String> values) {
        Set<TagType> types = EnumSet.noneOf(TagType.class);
        if (values == null) {
            return types;
        }
        if (values.size() > 20) {
            throw ApiException.invalidField("type", "at most 20 values");
        }
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    types.add(TagType.valueOf(part.strip()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalidField("type", "must be one of [" + TYPES + "]");
                }
            }
        }
        return types;
    }
}
