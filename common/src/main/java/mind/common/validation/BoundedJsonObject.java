package mind.common.validation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A free-form JSON value (a {@link JsonNode} or a {@code Map}) that must be an object, or absent or
 * null, within {@link JsonObjectBounds}: at most {@link #maxBytes()} as compact UTF-8 JSON and, when
 * set, at most {@link #maxKeys()} top-level keys. For a bound that is configuration rather than
 * contract, call {@link JsonObjectBounds#check} in the service instead.
 */
@Constraint(validatedBy = { BoundedJsonObject.NodeValidator.class, BoundedJsonObject.MapValidator.class })
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedJsonObject {

    int maxBytes();

    /** 0: no bound on keys beyond {@link #maxBytes()}. */
    int maxKeys() default 0;

    String message() default "must be a JSON object of at most {maxBytes} bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    abstract class Base<T> implements ConstraintValidator<BoundedJsonObject, T> {

        private JsonObjectBounds bounds;

        @Override
        public void initialize(BoundedJsonObject annotation) {
            this.bounds = new JsonObjectBounds(annotation.maxBytes(), annotation.maxKeys());
        }

        @Override
        public boolean isValid(T value, ConstraintValidatorContext context) {
            String problem = bounds.problem(value);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }

    class NodeValidator extends Base<JsonNode> {
    }

    class MapValidator extends Base<Map<?, ?>> {
    }
}
