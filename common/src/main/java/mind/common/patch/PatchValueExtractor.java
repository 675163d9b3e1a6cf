package mind.common.patch;

import jakarta.inject.Singleton;
import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.UnwrapByDefault;
import jakarta.validation.valueextraction.ValueExtractor;

/**
 * Lets bean validation see through {@link Patch}: constraints on a {@code Patch} field (or its type
 * argument) apply to the contained value. An absent field has nothing to validate; a cleared one is
 * validated as {@code null}. Registered with Quarkus' validator as a bean.
 */
@Singleton
@UnwrapByDefault
public class PatchValueExtractor implements ValueExtractor<Patch<@ExtractedValue ?>> {

    @Override
    public void extractValues(Patch<?> originalValue, ValueReceiver receiver) {
        if (originalValue != null && originalValue.isPresent()) {
            receiver.value(null, originalValue.orElse(null));
        }
    }
}
