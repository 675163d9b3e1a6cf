package mind.settings.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.settings.config.MicrosoftOAuthConfig;
import mind.settings.service.MailboxAuthFailure;
import mind.settings.service.MailboxAuthorization;
import mind.settings.service.MailboxOAuthStore;

@Path("/settings/mailbox/microsoft")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
public class MailboxOAuthResource {

    /** Seconds a browser is told to wait before trying again when Microsoft is down (JSON mode). */
    private static final int RETRY_AFTER_SECONDS = 30;

    /** Name of the email subchannel made for a new mailbox when the authorization names none. */
    static final String NEW_MAILBOX_NAME = "Microsoft 365 mailbox";

    /** As a subchannel's name. */
    private static final int MAX_NAME_LENGTH = 255;

    private final MailboxAuthorization authorization;
    private final MailboxOAuthStore store;
    private final MicrosoftOAuthConfig config;

    public MailboxOAuthResource(MailboxAuthorization authorization, MailboxOAuthStore store, MicrosoftOAuthConfig config) {
        this.authorization = authorization;
        this.store = store;
        this.config = config;
    }

    @GET
    @Path("/authorization")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Redirect to Microsoft authorization page", description = "Starts the Microsoft 365 OAuth "
            + "authorization (authorization code with PKCE S256) for the mailbox of an email subchannel (subchannelId), "
            + "or, called without subchannelId as enneo's clients do, for a new mailbox: then the callback, once "
            + "Microsoft has granted tokens, creates an email subchannel for it (named by the optional name, 1-255 "
            + "characters, default \"" + NEW_MAILBOX_NAME + "\"; not the default, enabled, data {provider: microsoft365}) "
            + "and answers its id like any other; an authorization abandoned or refused creates nothing. Answers 302 to "
            + "the authorize endpoint (mind.settings.microsoft.authorize-url, by default the Microsoft identity platform "
            + "of the configured tenant) with client_id, response_type=code, redirect_uri, scope, code_challenge, "
            + "code_challenge_method=S256 and a state. The state is single use, expires after "
            + "mind.settings.microsoft.state-ttl (10 min) and is sealed with the service's keyset, so it cannot be "
            + "made up. 400 naming subchannelId when it names a subchannel of another channel, 404 when it is unknown; "
            + "400 naming name when it is blank, too long, holds control characters or comes with subchannelId; 501 "
            + "mailbox_oauth_not_configured when client-id or redirect-uri is not set. Admin only "
            + "(a browser sends its connect.sid cookie when it follows a link here).")
    @APIResponse(responseCode = "302", description = "To Microsoft's authorize endpoint",
            headers = @Header(name = "Location", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response authorize(
            @Parameter(description = "The email subchannel whose mailbox is authorized; omitted: a new mailbox")
            @QueryParam("subchannelId") Long subchannelId,
            @Parameter(description = "Only without subchannelId: the name of the email subchannel created for the new "
                    + "mailbox (default " + NEW_MAILBOX_NAME + ")") @QueryParam("name") String name) {
        if (subchannelId != null) {
            if (name != null) {
                throw ApiException.invalidField("name", "names a new mailbox; it is not taken together with subchannelId");
            }
            return redirect(authorization.start(subchannelId));
        }
        String chosen = name == null ? NEW_MAILBOX_NAME : name.strip();
        if (chosen.isEmpty() || chosen.length() > MAX_NAME_LENGTH || chosen.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidField("name", "must be 1-" + MAX_NAME_LENGTH + " characters without control characters");
        }
        return redirect(authorization.startForNewMailbox(chosen));
    }

    @GET
    @Path("/callback")
    @PermitAll
    @Operation(summary = "Callback for Microsoft authorization", description = "Where Microsoft sends the browser "
            + "back (register this URL, mind.settings.microsoft.redirect-uri, in Entra ID). Public: Microsoft's redirect "
            + "carries no token, so the state is what authorizes the call. Checks the state (issued here, unused, "
            + "unexpired; it is spent by this call whatever follows), exchanges the code together with the PKCE "
            + "code_verifier at the token endpoint and stores the access and refresh tokens encrypted. With "
            + "mind.settings.microsoft.frontend-redirect set, always answers 302 there with mailboxAuth=success&"
            + "subchannelId=<id>, or mailboxAuth=error&reason=<reason> (plus error=<OAuth error code> for "
            + "microsoft_error and token_refused). Without it, answers JSON: 200 {success:true, subchannelId}, or the "
            + "error shape with the reason as code: 400 invalid_state (missing, forged or changed), state_used, "
            + "state_expired, microsoft_error (Microsoft sent error=...; the OAuth code is in details), missing_code, "
            + "token_refused (e.g. invalid_grant); 404 subchannel_gone; 503 mailbox_oauth_unavailable (token endpoint "
            + "down or answering 5xx) with Retry-After. No token, code or Microsoft text is ever put into the redirect.")
    @APIResponse(responseCode = "200", description = "Authorized (only when no frontend redirect is configured)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MailboxAuthorized.class)))
    @APIResponse(responseCode = "302", description = "To the frontend with mailboxAuth=success or error",
            headers = @Header(name = "Location", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response callback(
            @Parameter(description = "The authorization code") @QueryParam("code") String code,
            @Parameter(description = "The state sent with the authorization") @QueryParam("state") String state,
            @Parameter(description = "Microsoft's OAuth error code, instead of a code") @QueryParam("error") String error,
            @Parameter(description = "Microsoft's text for the error; logged, never shown")
            @QueryParam("error_description") String errorDescription) {
        URI frontend = config.frontendRedirect().orElse(null);
        long subchannelId;
        try {
            subchannelId = authorization.complete(code, state, error, errorDescription);
        } catch (MailboxAuthFailure failure) {
            if (frontend == null) {
                throw asJson(failure);
            }
            UriBuilder target = UriBuilder.fromUri(frontend).queryParam("mailboxAuth", "error")
                    .queryParam("reason", failure.reason());
            if (failure.error() != null) {
                target.queryParam("error", failure.error());
            }
            return redirect(target.build());
        }
        if (frontend == null) {
            return Response.ok(new MailboxAuthorized(true, subchannelId)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        return redirect(UriBuilder.fromUri(frontend).queryParam("mailboxAuth", "success")
                .queryParam("subchannelId", subchannelId).build());
    }

    @GET
    @Path("/status")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Microsoft authorization of a mailbox", description = "Whether the email subchannel's mailbox "
            + "is authorized, when its access token expires, whether a refresh token is held, the granted scope and "
            + "when it was authorized and last refreshed. Never a token. 400 naming subchannelId when it is missing, "
            + "404 when the subchannel is unknown. Admin only.")
    public MailboxOAuthStatusView status(
            @Parameter(description = "The email subchannel", required = true) @QueryParam("subchannelId") Long subchannelId) {
        if (subchannelId == null) {
            throw ApiException.invalidField("subchannelId", "is required");
        }
        return MailboxOAuthStatusView.of(subchannelId, store.status(subchannelId));
    }

    private static Response redirect(URI location) {
        // no-store: neither the state nor the outcome belongs in a cache; no-referrer: the callback URL holds the code
        return Response.status(Response.Status.FOUND).location(location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private static ApiException asJson(MailboxAuthFailure failure) {
        List<FieldError> details = new ArrayList<>();
        if (failure.error() != null) {
            details.add(new FieldError("error", failure.error()));
        }
        return switch (failure.reason()) {
            case MailboxAuthFailure.TOKEN_ENDPOINT_UNAVAILABLE ->
                    new ApiException(503, failure.reason(), failure.getMessage(), details, RETRY_AFTER_SECONDS);
            case MailboxAuthFailure.SUBCHANNEL_GONE -> new ApiException(404, failure.reason(), failure.getMessage(), details, null);
            default -> new ApiException(400, failure.reason(), failure.getMessage(), details, null);
        };
    }
}
