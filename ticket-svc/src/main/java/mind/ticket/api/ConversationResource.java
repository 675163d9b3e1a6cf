package mind.ticket.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.common.paging.PageRequest;
import mind.common.params.PhpArrayParams;
import mind.common.persistence.Versioned;
import mind.ticket.api.ConversationRequests.Store;
import mind.ticket.domain.ConversationType;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.repository.ConversationFilter;
import mind.ticket.service.ConversationService;
import mind.ticket.service.MessageDispatch;
import mind.ticket.service.NewConversation;

/**
 * A ticket's conversations. Reading and storing is open to integrations (serviceWorker); replying,
 * editing and deleting act as a person and need admin or agent.
 */
@Path("/ticket/{ticketId}/conversation")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationResource {

    /** Most values one filter parameter may carry. */
    static final int MAX_FILTER_VALUES = 50;
    /** The largest page of a conversation list, and the default one (clients send no limit). */
    static final int MAX_LIMIT = PageRequest.DEFAULT_MAX;

    private final ConversationService conversations;
    private final MessageDispatch dispatch;
    private final SecurityIdentity identity;

    public ConversationResource(ConversationService conversations, MessageDispatch dispatch, SecurityIdentity identity) {
        this.conversations = conversations;
        this.dispatch = dispatch;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get a ticket's conversations", description = "Oldest first. Filters, each one value or several "
            + "(type=email&type=note, type[]=email, type[0]=email; values of one filter are ORed, filters ANDed): type "
            + "(a channel, enneo's text, html, note, neo, agent_request, agent_response; 400 naming the values it takes), "
            + "direction, private (true|false), senderId (profile id of the agent who wrote it), toId (a recipient "
            + "address). includeRawData adds rawData; contentTranslationLanguage is accepted, no translation is made "
            + "(contentTranslation stays null). limit (default and at most 1000: without one the whole thread up to 1000 "
            + "messages) and offset page; total counts every matching conversation, so a thread longer than the page "
            + "shows.")
    public ConversationResponses.ListResponse list(@PathParam("ticketId") long ticketId,
            @Parameter(schema = @Schema(type = SchemaType.ARRAY, implementation = ConversationType.class)) @QueryParam("type") List<String> type,
            @Parameter(schema = @Schema(type = SchemaType.ARRAY, implementation = Direction.class)) @QueryParam("direction") List<String> direction,
            @Parameter(schema = @Schema(type = SchemaType.ARRAY, implementation = Boolean.class)) @QueryParam("private") List<String> isPrivate,
            @Parameter(schema = @Schema(type = SchemaType.ARRAY, implementation = Long.class)) @QueryParam("senderId") List<String> senderId,
            @Parameter(schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)) @QueryParam("toId") List<String> toId,
            @QueryParam("includeRawData") Boolean includeRawData,
            @QueryParam("contentTranslationLanguage") @Pattern(regexp = "[a-zA-Z]{2,3}([-_][a-zA-Z]{2,4})?",
                    message = "must be a language code such as en or de-DE") String contentTranslationLanguage,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset,
            @Context UriInfo uriInfo) {
        // clients send no limit and expect the whole thread: the default is the largest page
        PageRequest page = PageRequest.of(limit, offset, MAX_LIMIT, MAX_LIMIT);
        // the @QueryParam lists above only document the plain form; every PHP form is read here
        ConversationFilter filter = new ConversationFilter(
                values(uriInfo, "type", v -> ConversationType.valueOf(v), "one of " + ConversationType.ACCEPTED),
                values(uriInfo, "direction", v -> Direction.valueOf(v), "one of [in, out, internal]"),
                values(uriInfo, "private", ConversationResource::bool, "true or false"),
                values(uriInfo, "senderId", Long::valueOf, "a profile id"),
                values(uriInfo, "toId", v -> v, "an address"),
                page.limit(), page.offset());
        ConversationService.Listed listed = conversations.list(ticketId, filter, Boolean.TRUE.equals(includeRawData));
        return new ConversationResponses.ListResponse(true, listed.conversations(), listed.total());
    }

    @GET
    @Path("/{conversationId}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get one conversation", description = "Fields at the top level next to success:true. The ETag "
            + "carries its version for If-Match. 404 when the ticket is unknown or the conversation is not on it.")
    public RestResponse<ConversationResponses.Single> get(@PathParam("ticketId") long ticketId, @PathParam("conversationId") long conversationId,
            @QueryParam("includeRawData") Boolean includeRawData) {
        Versioned<ConversationView> c = conversations.get(ticketId, conversationId, Boolean.TRUE.equals(includeRawData));
        return c.ok(new ConversationResponses.Single(true, c.value()));
    }

    @POST
    @Path("/store")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Store a conversation", description = "Stores a message as it is (nothing is sent): mail an "
            + "integration imported, a chat or phone message, a note. type takes this service's channels (email, "
            + "chat, phone, letter, portal, system, walkIn), enneo's formats (text, html) and internal kinds (note, neo, "
            + "agent_request, agent_response). Internal messages (direction internal, or an internal kind) are stored "
            + "private whatever private says; direction internal with any other type is stored as a note. Defaults: "
            + "direction in (internal for the internal kinds), type the ticket's channel, private false, createdAt now. "
            + "to, ccEmails and bccEmails take one string or an array. A message that is not internal moves the "
            + "ticket's lastMessageAt (and lastCustomerMessageAt for direction in) forward; status and priority change "
            + "the ticket, which needs admin, agent or the updateTicket permission (403 otherwise). Idempotent on "
            + "externalConversationId per ticket: the same id again answers the stored message and changes nothing. Honours Idempotency-Key. process is accepted; AI processing of "
            + "stored messages is not run yet.")
    public ConversationResponses.Changed store(@PathParam("ticketId") long ticketId,
            @QueryParam("process") @Pattern(regexp = "realtime|batch|false", message = "must be one of [realtime, batch, false]") String process,
            @Valid @NotNull Store body) {
        boolean mayChangeTicket = identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.AGENT)
                || identity.hasRole(Roles.UPDATE_TICKET);
        // an internal message (direction internal, or one of the internal kinds) is private and never sent;
        // direction internal with no internal kind is a note
        boolean internal = body.direction() == Direction.internal || (body.type() != null && body.type().internal());
        Direction direction = body.direction() != null ? body.direction() : internal ? Direction.internal : Direction.in;
        ConversationType type = internal && (body.type() == null || !body.type().internal()) ? ConversationType.note : body.type();
        NewConversation data = new NewConversation(type, direction,
                internal || Boolean.TRUE.equals(body.isPrivate()), false, null, body.from(), body.fromName(), orEmpty(body.to()),
                orEmpty(body.ccEmails()), orEmpty(body.bccEmails()), body.subject(), body.body(),
                body.externalConversationId(), body.subchannelId(), List.of(), orEmpty(body.attachmentList()),
                body.rawData(), body.createdAt());
        return new ConversationResponses.Changed(true, conversations.store(ticketId, data, body.status(), body.priority(),
                actor(), mayChangeTicket));
    }

    @POST
    @Path("/reply")
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Operation(summary = "Reply on a ticket", description = "private=true, direction=internal or type note stores a "
            + "private internal note (type note, direction internal), nothing is sent; so do the internal kinds neo, "
            + "agent_request and agent_response (stored with their type). Any other reply goes out (direction out) as "
            + "type (default: the ticket's channel); enneo's formats text and html go out on the ticket's channel. An "
            + "email (or a text or html reply on an email ticket) that is not a draft is sent by mail from the "
            + "configured sender: to defaults to the "
            + "ticket's requester (its recipients for outbound tickets), cc to the ticket's cc, subject to \"Re: <ticket "
            + "subject>\"; the customer's latest message is quoted below unless includeQuotedHistory=false; inline "
            + "(base64) attachments are attached, URLs are not fetched. It is stored as an outgoing conversation once "
            + "SMTP accepted it (deliveryStatus sent); when SMTP fails nothing is kept and the answer is 503 "
            + "mail_unavailable. isDraft=true stores a draft, sent later by PATCH isDraft=false. Other types (chat, "
            + "phone, ...) are stored, not delivered. to, cc and bcc take one address as a string or an array; addresses "
            + "must be mail addresses (400 naming to, or to[i] in an array). Send an "
            + "Idempotency-Key: a repeated request answers the first reply and never mails twice (409 while the first "
            + "is in flight). process is accepted; no AI processing is run yet.")
    public ConversationResponses.Changed reply(@PathParam("ticketId") long ticketId,
            @QueryParam("includeQuotedHistory") Boolean includeQuotedHistory,
            @QueryParam("process") @Pattern(regexp = "realtime|batch|false", message = "must be one of [realtime, batch, false]") String process,
            @Valid @NotNull ConversationRequests.Reply body) {
        return new ConversationResponses.Changed(true, dispatch.reply(ticketId, body.toReply(), !Boolean.FALSE.equals(includeQuotedHistory), actor()));
    }

    @PATCH
    @Path("/{conversationId}")
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Operation(summary = "Change a note or draft", description = "Only notes (type note) and drafts may be changed: "
            + "anything sent or received is 409 conversation_not_editable. content.message replaces the text; isDraft "
            + "false on an email draft sends it (as a reply does; 409 draft_without_recipients when it has no to; on "
            + "SMTP failure it stays a draft and the answer is 503), on other drafts it only publishes them. If-Match "
            + "with the ETag of GET: 412 when the conversation changed since. Honours Idempotency-Key.")
    public ConversationResponses.Changed edit(@PathParam("ticketId") long ticketId,
            @PathParam("conversationId") long conversationId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ConversationRequests.Edit body) {
        String message = body.content() == null || !body.content().isSet() ? null : body.content().value().message();
        Boolean isDraft = body.isDraft() == null || !body.isDraft().isSet() ? null : body.isDraft().value();
        return new ConversationResponses.Changed(true, dispatch.edit(ticketId, conversationId, message, isDraft, ifMatch, actor()));
    }

    @DELETE
    @Path("/{conversationId}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT })
    @Operation(summary = "Delete a note or draft", description = "Deletes for good. Only notes and drafts: 409 "
            + "conversation_not_editable otherwise. If-Match with the ETag of GET: 412 when it changed since.")
    public Success delete(@PathParam("ticketId") long ticketId, @PathParam("conversationId") long conversationId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        conversations.delete(ticketId, conversationId, ifMatch, actor());
        return Success.OK;
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    /** Every value of a filter in any PHP array form, each converted; one that does not convert is a 400 naming it. */
    private static <T> List<T> values(UriInfo uriInfo, String name, Function<String, T> convert, String expected) {
        List<T> result = new ArrayList<>();
        for (PhpArrayParams.Value v : PhpArrayParams.values(uriInfo, name, MAX_FILTER_VALUES)) {
            if (v.value().isEmpty()) {
                continue;
            }
            try {
                result.add(convert.apply(v.value()));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField(v.parameter(), "'" + truncate(v.value()) + "' is not a valid value; must be "
                        + expected);
            }
        }
        return result;
    }

    private static String truncate(String value) {
        return value.length() <= 50 ? value : value.substring(0, 50) + "...";
    }
}
