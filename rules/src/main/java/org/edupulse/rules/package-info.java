/**
 * The rules core: the indicator rules written once, with no Kafka types. Entry points validate with
 * it, the Streams processors and the audit fold events with it, tests use it as their oracle.
 */
package org.edupulse.rules;
