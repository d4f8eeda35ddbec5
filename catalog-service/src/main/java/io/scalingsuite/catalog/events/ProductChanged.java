package io.scalingsuite.catalog.events;

import java.util.UUID;

/**
 * Fired inside the transaction of every product write. Observers that touch other systems wait for the commit, except
 * the cache's write mark, which must be in Redis before it (a refusal rolls the write back).
 */
public record ProductChanged(UUID productId) {
}
