package mind.settings.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /team}. */
public record TeamRequest(
        @NotBlank @Size(max = 255) String name,
        Long parent,
        @Size(max = 2000) String description,
        @Size(max = 1000) List<@NotNull Long> memberIds) {
}
