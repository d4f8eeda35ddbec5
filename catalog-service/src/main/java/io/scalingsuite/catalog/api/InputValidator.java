package io.scalingsuite.catalog.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Validates request bodies (constraints, then text PostgreSQL can store) into named field errors (400). */
@ApplicationScoped
public class InputValidator {

    private final Validator validator;
    private final ObjectMapper mapper;

    public InputValidator(Validator validator, ObjectMapper mapper) {
        this.validator = validator;
        this.mapper = mapper;
    }

    public <T> T check(T input) {
        if (input == null) {
            throw CatalogException.badRequest("The request body is required.");
        }
        List<CatalogException.FieldError> errors = new ArrayList<>(validator.validate(input).stream()
                .map(v -> new CatalogException.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList());
        errors.addAll(StorableText.violations(mapper.valueToTree(input)));
        errors.sort(Comparator.comparing(CatalogException.FieldError::field));
        if (!errors.isEmpty()) {
            throw CatalogException.invalid(errors);
        }
        return input;
    }
}
