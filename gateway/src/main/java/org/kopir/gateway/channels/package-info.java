/**
 * Agency channels besides REST: SOAP intake ({@code soap}), JMS intake with status notifications
 * ({@code jms}), push delivery of inbox items to agency endpoints ({@code push}), and the
 * per-agency routes instantiated from the YAML route templates.
 */
package org.kopir.gateway.channels;
