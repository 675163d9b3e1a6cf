package mind.aiagent.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A free-form JSON value that must be an object (or absent/null) and, written as JSON, at most
 * {@link #maxChars()} characters: free-form does not mean unbounded.
 */
@Constraint(validatedBy = BoundedJsonObject.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedJsonObject {

    int maxChars();

    String message() default "must be a JSON object of at most {maxChars} characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<BoundedJsonObject, JsonNode> {

        private int maxChars;

        @Override
        public void initialize(BoundedJsonObject annotation) {
            this.maxChars = annotation.maxChars();
        }

        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            if (value == null || value.isNull()) {
                return true;
            }
            String problem = null;
            if (!value.isObject()) {
                problem = "must be a JSON object";
            } else if (value.toString().length() > maxChars) {
                problem = "must be at most " + maxChars + " characters as JSON";
            }
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }
}
