package mind.common.patch;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** Registers {@link PatchModule} with the REST layer's ObjectMapper in every service. */
@Singleton
public class PatchJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new PatchModule());
    }
}
