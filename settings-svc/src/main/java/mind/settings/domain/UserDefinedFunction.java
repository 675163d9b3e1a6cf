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

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

/** Source code the executor runs when the function is called by name. */
@Entity
@Table(name = "user_defined_function")
public class UserDefinedFunction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Enumerated(EnumType.STRING)
    public UdfType type;

    @Enumerated(EnumType.STRING)
    public UdfLanguage language;

    public String code;

    public String packages;

    /** An object or array describing the function's input, as the client gave it. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode parameters;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;
}
