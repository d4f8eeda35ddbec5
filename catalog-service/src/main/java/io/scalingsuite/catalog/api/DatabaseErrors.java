package io.scalingsuite.catalog.api;

import org.hibernate.exception.ConstraintViolationException;

/** Recognizes the constraint behind a failed flush, so a lost race maps to the same answer as a checked one. */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    public static boolean violates(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation) {
                return constraint.equalsIgnoreCase(violation.getConstraintName());
            }
        }
        return false;
    }
}
