package mind.telephony.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.patch.Patch;

/** {@code PATCH /telephony/acd/config}: the fields to change; a field left out stays, none may be cleared. */
@Schema(name = "AcdConfigPatch")
public record AcdConfigPatch(
        @NotNull @Schema(implementation = Boolean.class, description = "acdEnabled: native routing on or off") Patch<Boolean> enabled,
        @NotNull @Size(max = 100) @Schema(implementation = AcdQueue[].class, description = "acdQueues, replaced as a whole")
        Patch<List<AcdQueue>> queues,
        @NotNull @Min(0) @Max(3600) @Schema(implementation = Integer.class, description = "acdWrapUpSeconds, 0 to 3600") Patch<Integer> wrapUpSeconds,
        @NotNull @Min(0) @Max(86400) @Schema(implementation = Integer.class, description = "acdMaxWaitSeconds, 0 to 86400") Patch<Integer> maxWaitSeconds,
        @NotNull @Min(5) @Max(300) @Schema(implementation = Integer.class, description = "acdRingTimeoutSeconds, 5 to 300") Patch<Integer> ringTimeoutSeconds,
        @NotNull @Schema(implementation = String.class, description = "only longestIdle") Patch<String> routingOrder) {

    /** A call queue: the skills (tag ids) an agent needs, the subchannels (phone lines) it serves. */
    @Schema(name = "AcdQueue")
    public record AcdQueue(String name, List<Long> skills, List<Long> subchannelIds) {
    }
}
