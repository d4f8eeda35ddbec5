package io.scalingsuite.catalog.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /products/{id}/reviews}. */
public record ReviewInput(
        @NotNull(message = "is required") @Min(value = 1, message = "must be between 1 and 5") @Max(value = 5,
                message = "must be between 1 and 5") Integer rating,
        @Size(max = 200, message = "must be at most 200 characters") String title,
        @Size(max = 5_000, message = "must be at most 5000 characters") String body) {
}
