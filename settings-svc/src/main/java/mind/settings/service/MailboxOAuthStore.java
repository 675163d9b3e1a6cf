package mind.settings.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import mind.common.api.Channel;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.common.persistence.ReadOnly;
import mind.settings.client.TokenOutcome;
import mind.settings.crypto.SecretBox;
import mind.settings.domain.MailboxOAuth;
import mind.settings.domain.MailboxOAuthState;
import mind.settings.domain.Subchannel;
import mind.settings.repository.MailboxOAuthRepository;
import mind.settings.repository.MailboxOAuthStateRepository;
import mind.settings.repository.SubchannelRepository;

/** The database side of the mailbox OAuth flow: states and sealed tokens. Secrets enter and leave in plain text only here. */
@ApplicationScoped
public class MailboxOAuthStore {

    /** Lock purpose under which one subchannel's tokens are written (callback store, refresh). */
    static final String TOKEN_LOCK = "mailbox-oauth";

    /** Expired states are kept this long, so that a late callback is told "expired" rather than "invalid". */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final MailboxOAuthStateRepository states;
    private final MailboxOAuthRepository tokens;
    private final SubchannelRepository subchannels;
    private final SubchannelService subchannelService;
    private final SecretBox box;
    private final AdvisoryLocks locks;
    private final Clock clock;

    public MailboxOAuthStore(MailboxOAuthStateRepository states, MailboxOAuthRepository tokens, SubchannelRepository subchannels,
            SubchannelService subchannelService, SecretBox box, AdvisoryLocks locks, Clock clock) {
        this.states = states;
        this.tokens = tokens;
        this.subchannels = subchannels;
        this.subchannelService = subchannelService;
        this.box = box;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * A state consumed by a callback: the subchannel it was started for, or (subchannelId null) the name of
     * the new mailbox's subchannel, and the PKCE verifier.
     */
    public record Consumed(Long subchannelId, String newSubchannelName, String codeVerifier) {

        /** For logs: the subchannel, or that it is a new mailbox. */
        public String target() {
            return subchannelId != null ? "subchannel " + subchannelId : "a new mailbox";
        }

        @Override
        public String toString() {
            return "Consumed[" + target() + "]";
        }
    }

    /** An access token and when it expires. */
    public record AccessToken(String value, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccessToken[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Records a new authorization for an email subchannel and returns the state's id.
     *
     * @throws ApiException 404 or 400 naming subchannelId
     */
    @Transactional
    public String newState(long subchannelId, String stateId, String codeVerifier, Duration ttl) {
        Subchannel subchannel = subchannels.findByIdOptional(subchannelId).orElseThrow(() -> new ApiException(404, "not_found",
                "Subchannel " + subchannelId + " not found", List.of(new FieldError("subchannelId", "no such subchannel")), null));
        if (subchannel.channel != Channel.email) {
            throw ApiException.invalidField("subchannelId", "must name an email subchannel (this one is " + subchannel.channel + ")");
        }
        return persistState(subchannelId, null, stateId, codeVerifier, ttl);
    }

    /**
     * Records a new authorization for a mailbox that has no subchannel yet; the callback creates it under
     * {@code name}. Returns the state's id.
     */
    @Transactional
    public String newMailboxState(String name, String stateId, String codeVerifier, Duration ttl) {
        return persistState(null, name, stateId, codeVerifier, ttl);
    }

    private String persistState(Long subchannelId, String newSubchannelName, String stateId, String codeVerifier, Duration ttl) {
        Instant now = now();
        states.deleteExpiredBefore(now.minus(KEEP_EXPIRED));
        MailboxOAuthState state = new MailboxOAuthState();
        state.id = stateId;
        state.subchannelId = subchannelId;
        state.newSubchannelName = newSubchannelName;
        state.codeVerifier = box.seal(codeVerifier, stateContext(stateId));
        state.createdAt = now;
        state.expiresAt = now.plus(ttl);
        states.persist(state);
        return stateId;
    }

    /**
     * Uses the state up: from then on it is spent whatever happens to the code.
     *
     * @throws MailboxAuthFailure invalid_state, state_used or state_expired
     */
    @Transactional(dontRollbackOn = MailboxAuthFailure.class)
    public Consumed consume(String stateId) {
        Instant now = now();
        if (states.consume(stateId, now) == 0) {
            MailboxOAuthState state = states.findById(stateId);
            if (state == null) {
                throw new MailboxAuthFailure(MailboxAuthFailure.INVALID_STATE, null, "The state is not one this service issued");
            }
            if (state.usedAt != null) {
                throw new MailboxAuthFailure(MailboxAuthFailure.STATE_USED, null,
                        "The state was already used; start the authorization again");
            }
            throw new MailboxAuthFailure(MailboxAuthFailure.STATE_EXPIRED, null,
                    "The authorization took too long and its state expired; start it again");
        }
        MailboxOAuthState state = states.findById(stateId);
        return new Consumed(state.subchannelId, state.newSubchannelName, box.open(state.codeVerifier, stateContext(stateId)));
    }

    /**
     * Stores tokens granted for a new mailbox: creates its email subchannel (not the default, enabled,
     * data {@code {"provider":"microsoft365"}}) and stores the tokens for it, in one transaction, so a
     * subchannel never exists without the tokens it was made for. Returns the new subchannel's id.
     */
    @Transactional
    public long storeGrantedForNewMailbox(String name, TokenOutcome.Granted granted) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", "microsoft365");
        long subchannelId = subchannelService.create(new NewSubchannel(Channel.email, name, false, null, true, data)).id;
        storeGranted(subchannelId, granted);
        return subchannelId;
    }

    /**
     * Stores tokens granted for a subchannel, sealed, replacing earlier ones.
     *
     * @throws MailboxAuthFailure subchannel_gone
     */
    @Transactional
    public void storeGranted(long subchannelId, TokenOutcome.Granted granted) {
        locks.lock(TOKEN_LOCK, Long.toString(subchannelId));
        if (subchannels.findByIdOptional(subchannelId).isEmpty()) {
            throw new MailboxAuthFailure(MailboxAuthFailure.SUBCHANNEL_GONE, null,
                    "The subchannel was deleted during the authorization");
        }
        MailboxOAuth row = tokens.findById(subchannelId);
        Instant now = now();
        if (row == null) {
            row = new MailboxOAuth();
            row.subchannelId = subchannelId;
            row.authorizedAt = now;
            write(row, granted, now, null);
            tokens.persist(row);
        } else {
            row.authorizedAt = now;
            row.refreshedAt = null;
            write(row, granted, now, null);
        }
    }

    /** The stored access token if it stays valid for at least {@code margin}; empty when it needs a refresh. */
    @ReadOnly
    public Optional<AccessToken> freshAccessToken(long subchannelId, Duration margin) {
        MailboxOAuth row = tokens.findByIdOptional(subchannelId).orElseThrow(() -> notAuthorized(subchannelId));
        return fresh(row, margin);
    }

    /** Joins the caller's transaction; call with the subchannel's lock held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AccessToken> freshAccessTokenLocked(long subchannelId, Duration margin) {
        locks.lock(TOKEN_LOCK, Long.toString(subchannelId));
        MailboxOAuth row = tokens.findByIdOptional(subchannelId).orElseThrow(() -> notAuthorized(subchannelId));
        return fresh(row, margin);
    }

    /** The stored refresh token in plain text, or empty. Joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> refreshToken(long subchannelId) {
        MailboxOAuth row = tokens.findByIdOptional(subchannelId).orElseThrow(() -> notAuthorized(subchannelId));
        return Optional.ofNullable(row.refreshToken).map(t -> box.open(t, tokenContext(subchannelId, "refreshToken")));
    }

    /** Stores refreshed tokens; a refresh that brought no new refresh token keeps the old one. Joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AccessToken storeRefreshed(long subchannelId, TokenOutcome.Granted granted) {
        MailboxOAuth row = tokens.findByIdOptional(subchannelId).orElseThrow(() -> notAuthorized(subchannelId));
        Instant now = now();
        write(row, granted, now, row.refreshToken);
        row.refreshedAt = now;
        return new AccessToken(granted.accessToken(), row.accessTokenExpiresAt);
    }

    /** Non-secret facts about a subchannel's authorization, or empty when it has none. */
    @ReadOnly
    public Optional<MailboxOAuthStatus> status(long subchannelId) {
        if (subchannels.findByIdOptional(subchannelId).isEmpty()) {
            throw new ApiException(404, "not_found", "Subchannel " + subchannelId + " not found",
                    List.of(new FieldError("subchannelId", "no such subchannel")), null);
        }
        return tokens.findByIdOptional(subchannelId).map(row -> new MailboxOAuthStatus(row.subchannelId,
                row.accessTokenExpiresAt, row.refreshToken != null, row.scope, row.authorizedAt, row.refreshedAt));
    }

    private void write(MailboxOAuth row, TokenOutcome.Granted granted, Instant now, String sealedRefreshToKeep) {
        long id = row.subchannelId;
        row.accessToken = box.seal(granted.accessToken(), tokenContext(id, "accessToken"));
        row.refreshToken = granted.refreshToken() != null
                ? box.seal(granted.refreshToken(), tokenContext(id, "refreshToken"))
                : sealedRefreshToKeep;
        row.accessTokenExpiresAt = now.plus(granted.lifetime());
        if (granted.scope() != null) {
            row.scope = granted.scope();
        }
    }

    private Optional<AccessToken> fresh(MailboxOAuth row, Duration margin) {
        if (row.accessTokenExpiresAt.isAfter(now().plus(margin))) {
            return Optional.of(new AccessToken(box.open(row.accessToken, tokenContext(row.subchannelId, "accessToken")),
                    row.accessTokenExpiresAt));
        }
        return Optional.empty();
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    static ApiException notAuthorized(long subchannelId) {
        return new ApiException(404, "mailbox_not_authorized", "Subchannel " + subchannelId
                + " has no Microsoft authorization; start one at GET /settings/mailbox/microsoft/authorization");
    }

    static String stateContext(String stateId) {
        return "mailbox-oauth-state:" + stateId;
    }

    /** The context the brief's storage names ({@code mailbox-oauth:<subchannelId>}), per field so that the two never swap. */
    static String tokenContext(long subchannelId, String field) {
        return "mailbox-oauth:" + subchannelId + "/" + field;
    }
}
