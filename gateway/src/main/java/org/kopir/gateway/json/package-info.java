/**
 * Reading JSON from outside (agency systems, the partner node, files): size, media type and parser
 * limits (SPEC §11) shared by every channel and the border.
 */
package org.kopir.gateway.json;
