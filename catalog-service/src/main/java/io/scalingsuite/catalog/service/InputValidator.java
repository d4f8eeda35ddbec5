package io.scalingsuite.catalog.service;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

/** Validates request bodies and turns every violation into a named field error (400). */
@ApplicationScoped
public class InputValidator {

    private final Validator validator;

    public InputValidator(Validator validator) {
        this.validator = validator;
    }

    public <T> T check(T input) {
        if (input == null) {
            throw CatalogException.badRequest("The request body is required.");
        }
        List<CatalogException.FieldError> errors = validator.validate(input).stream()
                .map(v -> new CatalogException.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(CatalogException.FieldError::field))
                .toList();
        if (!errors.isEmpty()) {
            throw CatalogException.invalid(errors);
        }
        return input;
    }
}
