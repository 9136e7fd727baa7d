/**
 * The production profile's guard: a node started with {@code spring.profiles.active=production}
 * refuses to start on development defaults (embedded broker, H2, development keys or passwords) or
 * with a setting missing, naming each problem (docs/operations.md).
 */
package org.kopir.gateway.production;
