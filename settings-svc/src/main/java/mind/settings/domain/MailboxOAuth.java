package mind.settings.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The Microsoft tokens of one mailbox subchannel, sealed under {@code mailbox-oauth:<subchannelId>/<field>}. */
@Entity
@Table(name = "mailbox_oauth")
public class MailboxOAuth {

    @Id
    @Column(name = "subchannel_id")
    public Long subchannelId;

    @Column(name = "access_token")
    public String accessToken;

    /** Null when Microsoft gave none (no offline_access): the mailbox then needs authorizing again at expiry. */
    @Column(name = "refresh_token")
    public String refreshToken;

    @Column(name = "access_token_expires_at")
    public Instant accessTokenExpiresAt;

    public String scope;

    @Column(name = "authorized_at")
    public Instant authorizedAt;

    @Column(name = "refreshed_at")
    public Instant refreshedAt;
}
