package io.scalingsuite.contracts.events;

import java.util.Optional;

/**
 * Every event type of the catalog change stream, contract v1 (docs/events.md): its name on the wire, the
 * aggregate it is about and the payload it carries. catalog writes only these; aggregation reads only these, and a
 * {@code switch} over them is checked by the compiler, so a new type is one constant here plus its handlers.
 */
public enum CatalogEventType {

    PRODUCT_CREATED("ProductCreated", "Product", ProductState.class),
    PRODUCT_UPDATED("ProductUpdated", "Product", ProductState.class),
    /** Carries the product's last state; its version is the last one plus 1. */
    PRODUCT_DELETED("ProductDeleted", "Product", ProductState.class),
    CATEGORY_CREATED("CategoryCreated", "Category", CategoryState.class),
    /** A rename or move; carries the parent before the change too. Added in contract v1.1. */
    CATEGORY_UPDATED("CategoryUpdated", "Category", CategoryChange.class),
    /** Carries the category's last state; its version is the last one plus 1. Added in contract v1.1. */
    CATEGORY_DELETED("CategoryDeleted", "Category", CategoryState.class),
    REVIEW_ADDED("ReviewAdded", "Review", ReviewState.class);

    private final String wireName;
    private final String aggregateType;
    private final Class<? extends EventPayload> payloadType;

    CatalogEventType(String wireName, String aggregateType, Class<? extends EventPayload> payloadType) {
        this.wireName = wireName;
        this.aggregateType = aggregateType;
        this.payloadType = payloadType;
    }

    /** The stream entry's {@code type} field. */
    public String wireName() {
        return wireName;
    }

    /** The stream entry's {@code aggregateType} field. */
    public String aggregateType() {
        return aggregateType;
    }

    /** The record the entry's {@code payload} JSON reads into. */
    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** The type with this wire name; empty for a name this contract does not know. */
    public static Optional<CatalogEventType> ofWireName(String wireName) {
        for (CatalogEventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
