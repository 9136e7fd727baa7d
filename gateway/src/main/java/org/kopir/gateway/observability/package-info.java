/** Operations: metrics of the pipeline and the structured-logging context. */
package org.kopir.gateway.observability;
