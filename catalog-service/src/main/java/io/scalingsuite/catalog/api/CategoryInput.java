package io.scalingsuite.catalog.api;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /categories}. */
public record CategoryInput(
        @NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters") @Pattern(
                regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lowercase words joined by '-'") String slug,
        @NotBlank(message = "must not be blank") @Size(max = 200,
                message = "must be at most 200 characters") String name,
        UUID parentId) {
}
