/**
 * The Kopir gateway: one application that runs either national node of the KZ-KG exchange. Each
 * capability lives in its own package; the Camel YAML routes under {@code routes/} compose them.
 */
package org.kopir.gateway;
