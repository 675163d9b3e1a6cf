package mind.settings.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import mind.common.api.Channel;

/** A refinement of a channel: a mailbox for email, a chatbot for chat, a line for phone. */
@Entity
@Table(name = "subchannel")
public class Subchannel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String name;

    /** At most one subchannel per channel is the default (partial unique index). */
    @Column(name = "is_default")
    public boolean isDefault;

    @Enumerated(EnumType.STRING)
    @Column(name = "interface")
    public SubchannelInterface subchannelInterface;

    public boolean enabled;

    /**
     * Channel-specific configuration; may hold credentials. The values of secret keys
     * ({@link mind.common.secrets.SecretMask#isSecretKey}) are stored sealed by
     * {@link mind.settings.crypto.SecretBox} (context {@code subchannel}); readers get them masked.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> data = new LinkedHashMap<>();

    @Column(name = "created_at")
    public Instant createdAt;

    /** The ETag; every change adds one. */
    @Version
    public long version;
}
