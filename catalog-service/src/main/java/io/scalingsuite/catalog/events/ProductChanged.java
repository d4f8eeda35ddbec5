package io.scalingsuite.catalog.events;

import java.util.UUID;

/** Fired inside the transaction of every product write; observers that touch other systems wait for the commit. */
public record ProductChanged(UUID productId) {
}
