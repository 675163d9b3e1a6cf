package mind.common.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class PatchTest {

    record Body(@Size(max = 5) Patch<String> name, @Max(10) Patch<Integer> count, Patch<List<String>> tags,
            @NotNull Patch<String> required, Patch<Instant> dueBy) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new PatchModule())
            .registerModule(new JavaTimeModule());
    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .addValueExtractor(new PatchValueExtractor())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void missingIsAbsentNullIsClearAValueIsSet() throws Exception {
        Body body = MAPPER.readValue("{\"name\":null,\"count\":3,\"tags\":[\"a\",\"b\"]}", Body.class);
        assertTrue(body.name().isClear());
        assertTrue(body.name().isPresent());
        assertEquals(3, body.count().value());
        assertEquals(List.of("a", "b"), body.tags().value());
        assertTrue(body.required().isAbsent());
        assertFalse(body.required().isPresent());
        assertTrue(body.dueBy().isAbsent());
    }

    @Test
    void theContainedTypeIsReadWithItsOwnRulesAndErrorsNameTheField() {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> MAPPER.readValue("{\"count\":\"many\"}", Body.class));
        assertEquals("count", e.getPath().get(0).getFieldName());
        MismatchedInputException list = assertThrows(MismatchedInputException.class,
                () -> MAPPER.readValue("{\"tags\":{\"a\":1}}", Body.class));
        assertEquals("tags", list.getPath().get(0).getFieldName());
    }

    @Test
    void applyToRunsForSetAndClearOnly() {
        List<String> calls = new ArrayList<>();
        assertFalse(Patch.<String>absent().applyTo(calls::add));
        assertTrue(Patch.<String>clear().applyTo(calls::add));
        assertTrue(Patch.of("x").applyTo(calls::add));
        assertEquals(java.util.Arrays.asList(null, "x"), calls);
    }

    @Test
    void stateAccessors() {
        assertEquals(Patch.clear(), Patch.of(null));
        assertThrows(java.util.NoSuchElementException.class, () -> Patch.absent().value());
        assertThrows(java.util.NoSuchElementException.class, () -> Patch.clear().value());
        assertEquals("fallback", Patch.<String>absent().orElse("fallback"));
        assertEquals(null, Patch.<String>clear().orElse("fallback"));
        assertEquals(Patch.of(4), Patch.of("four").map(String::length));
        assertTrue(Patch.<String>clear().map(String::length).isClear());
        assertTrue(Patch.<String>absent().map(String::length).isAbsent());
    }

    @Test
    void writingLeavesAbsentFieldsOutAndKeepsClearedOnes() throws Exception {
        Body body = new Body(Patch.of("ann"), Patch.clear(), Patch.absent(), Patch.absent(), Patch.absent());
        assertEquals("{\"name\":\"ann\",\"count\":null}", MAPPER.writeValueAsString(body));
        assertEquals(body, MAPPER.readValue(MAPPER.writeValueAsString(body), Body.class));
    }

    @Test
    void constraintsApplyToTheContainedValue() {
        assertEquals(Set.of(), fields(new Body(Patch.of("short"), Patch.of(10), Patch.absent(), Patch.of("x"), Patch.absent())));
        assertEquals(Set.of("name", "count"),
                fields(new Body(Patch.of("too long"), Patch.of(11), Patch.absent(), Patch.of("x"), Patch.absent())));
    }

    @Test
    void absentIsNotValidatedClearIsValidatedAsNull() {
        Body absent = new Body(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent());
        assertEquals(Set.of(), fields(absent));
        Body cleared = new Body(Patch.clear(), Patch.clear(), Patch.absent(), Patch.clear(), Patch.absent());
        assertEquals(Set.of("required"), fields(cleared), "@NotNull forbids clearing, not leaving out");
    }

    private static Set<String> fields(Body body) {
        Set<ConstraintViolation<Body>> violations = validator.validate(body);
        return violations.stream().map(v -> v.getPropertyPath().iterator().next().getName()).collect(Collectors.toSet());
    }
}
