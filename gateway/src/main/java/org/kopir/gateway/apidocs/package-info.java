/** The OpenAPI description of the local API, served at {@code /v3/api-docs}. */
package org.kopir.gateway.apidocs;
