package io.scalingsuite.catalog.api;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The writable fields of a product: the body of POST and PUT, and what a merge patch is applied to. */
public record ProductInput(
        @NotBlank(message = "must not be blank") @Size(max = 64, message = "must be at most 64 characters") @Pattern(
                regexp = "[A-Za-z0-9._-]*", message = "may contain only letters, digits, '.', '-' and '_'") String sku,
        @NotBlank(message = "must not be blank") @Size(max = 200,
                message = "must be at most 200 characters") String name,
        @Size(max = 10_000, message = "must be at most 10000 characters") String description,
        @NotNull(message = "is required") @PositiveOrZero(message = "must not be negative") @Max(
                value = 100_000_000_000L, message = "must be at most 100000000000") Long priceCents,
        @NotNull(message = "is required") @IsoCurrency String currency,
        @NotNull(message = "is required") UUID categoryId,
        @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}",
                message = "must be 1-64 letters, digits, '-' or '_'") String merchantId,
        @NotNull(message = "is required") @PositiveOrZero(message = "must not be negative") @Max(value = 1_000_000_000,
                message = "must be at most 1000000000") Integer stock,
        @Size(max = 100, message = "may hold at most 100 entries") Map<String, Object> attributes) {
}
