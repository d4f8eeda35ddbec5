package io.scalingsuite.catalog.api;

import java.util.List;

/** One keyset page: the items and the opaque cursor of the next page, null on the last one. */
public record Page<T>(List<T> items, String nextCursor) {
}
