package org.edupulse.registry;

/**
 * One decoded fact from the store topic. The registry's whole state is a fold of these in offset
 * order, which is what lets every instance on the topic reach the same answers without a leader.
 */
sealed interface StoreRecord permits StoreRecord.SchemaRecord, StoreRecord.ConfigRecord {

    /**
     * A proposed registration: {@code schema} becomes {@code version} of {@code subject} under
     * global {@code id}. It is accepted only if, at its offset, it still fits (see
     * {@link RegistryState#apply(StoreRecord)}); a writer that lost a race sees it refused and retries.
     */
    record SchemaRecord(String subject, int version, int id, String schema) implements StoreRecord {
    }

    /** A compatibility level for one subject, or the global one when {@code subject} is null; a null level clears it. */
    record ConfigRecord(String subject, CompatibilityLevel level) implements StoreRecord {

        boolean isGlobal() {
            return subject == null;
        }
    }
}
