/**
 * The case lifecycle across the border (SPEC §13): the consent recorded for each case from the
 * {@code consent.update} messages this node sends and receives, enforced on every later message
 * about the case; closure and the retention clock it starts; erasure of what the node holds about a
 * case when retention runs out or an operator orders it, audited with counts and no identifiers.
 */
package org.kopir.gateway.lifecycle;
