package mind.settings.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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

import mind.settings.domain.TagEnums.TagColor;
import mind.settings.domain.TagEnums.TagReference;
import mind.settings.domain.TagEnums.TagType;
import mind.settings.domain.TagEnums.TagVisibility;

/**
 * A skill, product, brand or property tag. The parent is kept as an id (not an association) so that
 * reading a tag never loads its ancestors; fullName is derived from the parent chain on read.
 */
@Entity
@Table(name = "tag")
public class Tag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Version
    public int version;

    public String name;

    @Column(name = "parent_id")
    public Long parentId;

    @Enumerated(EnumType.STRING)
    public TagType type;

    @Enumerated(EnumType.STRING)
    public TagReference reference = TagReference.ticket;

    @Convert(converter = TagEnums.VisibilityConverter.class)
    public TagVisibility visibility = TagVisibility.public_;

    @Enumerated(EnumType.STRING)
    public TagColor color = TagColor.grey;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> properties = new ArrayList<>();

    public String complexity;

    public Integer sla;

    public String priority;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> channels = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Long> subchannels = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "detection_details")
    public Map<String, Object> detectionDetails = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> assignment = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "test_case")
    public Map<String, Object> testCase;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;

    @Column(name = "modified_by")
    public String modifiedBy;
}
