package mind.settings.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A user-defined function to run when an event of a type occurs. The function is kept as its id (not an
 * association), so that reading hooks never loads code; the service reads the names it shows in one query.
 */
@Entity
@Table(name = "event_hook")
public class EventHook {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public EventType event;

    @Column(name = "udf_id")
    public long udfId;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;
}
