package mind.settings.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An authorization started for a mailbox, of an existing subchannel or a new one: what the state sent to
 * Microsoft stands for. Used once.
 */
@Entity
@Table(name = "mailbox_oauth_state")
public class MailboxOAuthState {

    /** Random, 256 bits; the state Microsoft sends back is this id sealed, so the id alone forges nothing. */
    @Id
    public String id;

    /** The subchannel authorized; null when the authorization is for a new mailbox. */
    @Column(name = "subchannel_id")
    public Long subchannelId;

    /** For a new mailbox: the name of the email subchannel the callback creates; null otherwise. */
    @Column(name = "new_subchannel_name")
    public String newSubchannelName;

    /** The PKCE code_verifier, sealed under {@code mailbox-oauth-state:<id>}. */
    @Column(name = "code_verifier")
    public String codeVerifier;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
