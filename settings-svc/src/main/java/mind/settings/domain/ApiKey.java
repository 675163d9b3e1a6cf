package mind.settings.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An issued API key: whose it is, its name, the hash of its secret and its life (see ApiKeys in common). */
@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "profile_id")
    public long profileId;

    public String name;

    /** SHA-256 of the secret part of the key. Never leaves this service. */
    @Column(name = "secret_hash")
    public byte[] secretHash;

    @Column(name = "token_suffix")
    public String tokenSuffix;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "issued_by")
    public String issuedBy;

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", profileId=" + profileId + "]";
    }
}
