package mind.settings.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.error.FieldError;
import mind.settings.domain.ProfileEnums.RoutingStatus;
import mind.settings.service.BulkItem;

/** Bodies of the bulk profile endpoints, {@code PATCH /profiles} and {@code PATCH /profiles/routingStatus}. */
public final class BulkProfileResults {

    private BulkProfileResults() {
    }

    /** Request of both: {@code {profiles:[{id, ...}]}}, 1 to 100 items, each read on its own. */
    @Schema(name = "BulkProfileRequest")
    public record Request(
            @Schema(description = "1 to 100 items, each {id, ...the body of the single endpoint}", required = true,
                    type = SchemaType.ARRAY, implementation = Object.class) List<JsonNode> profiles) {
    }

    /** One item's outcome; error, code and details only for a failed one. */
    @Schema(name = "BulkProfileResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(Long id, boolean success, String error, String code, List<FieldError> details) {
        static Item of(BulkItem.Result<?> r) {
            return new Item(r.id(), r.success(), r.error(), r.code(), r.success() || r.details().isEmpty() ? null : r.details());
        }
    }

    /** {@code PATCH /profiles}: success is true when every item succeeded. */
    @Schema(name = "BulkProfileUpdate")
    public record Result(boolean success, List<Item> results) {
    }

    /** An atomic bulk update that wrote nothing: the error shape plus the per-item results. */
    @Schema(name = "BulkProfileRefused")
    public record Refused(boolean success, String error, String code, List<FieldError> details, List<Item> results) {
    }

    /** One item of {@code PATCH /profiles/routingStatus}: on success the statuses now in force. */
    @Schema(name = "BulkRoutingStatusResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoutingItem(Long id, boolean success, RoutingStatus callRoutingStatus, RoutingStatus chatRoutingStatus,
            String error, String code, List<FieldError> details) {
        static RoutingItem of(BulkItem.Result<RoutingStatusView> r) {
            RoutingStatusView v = r.value();
            return new RoutingItem(r.id(), r.success(), v == null ? null : v.callRoutingStatus(),
                    v == null ? null : v.chatRoutingStatus(), r.error(), r.code(),
                    r.success() || r.details().isEmpty() ? null : r.details());
        }
    }

    /** {@code PATCH /profiles/routingStatus}: success is true when every item succeeded. */
    @Schema(name = "BulkRoutingStatusUpdate")
    public record RoutingResult(boolean success, List<RoutingItem> results) {
    }
}
